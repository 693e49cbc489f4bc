import { resolve } from 'node:path'
import { colorsOf } from '../cli/output.js'
import { formatLog, parsePort } from '../serve/listen-options.js'
import { untilStopped } from '../serve/until-stopped.js'
import type { DevSession } from '../serve/dev-session.js'
import type { CommandContext, CommandSpec } from './command.js'

interface DevCommandOptions {
  readonly port?: string
  readonly host: string
}

const DEFAULT_PORT = '3000'

export const dev: CommandSpec<DevCommandOptions> = {
  name: 'dev',
  summary: 'Run the bot from source on the embedded database, with its chat page, reloading on changes',
  details: [
    'Generates .parley/, loads bot.definition.ts and src/index.ts, and serves the API, /openapi.json the chat page at /chat/<bot> and Parley Studio at /studio/.',
    'Data stays in .parley-data/ across reloads and restarts. A handler that throws is logged with the file and line it threw at,',
    'and the chat page shows the failure under the message. It stops with Ctrl+C, or when the process that started it ends.',
    'Environment:',
    `  PORT               the port to listen on when --port is not given (default ${DEFAULT_PORT})`,
    '  PARLEY_API_TOKENS  API tokens (scope=token entries, such as admin=<token>); without it, an admin token is made up and printed',
    '  PARLEY_CONVERSATION_TIMEOUT  ends a conversation after this long without a message (30m, 1h, 2d), running plugins\' conversation:end hooks',
  ].join('\n'),
  arguments: [{ name: '[dir]', description: 'the bot project (default: the current directory)' }],
  options: [
    { flags: '-p, --port <port>', description: `port to listen on (default: PORT, else ${DEFAULT_PORT}; 0 picks a free one)` },
    { flags: '--host <host>', description: 'address to listen on', defaultValue: '127.0.0.1' },
  ],
  async run(context, [dir], options) {
    const port = options.port === undefined ? parsePort(process.env['PORT'] ?? DEFAULT_PORT, 'PORT') : parsePort(options.port, '--port')
    const projectDir = resolve(context.cwd, dir ?? '.')
    const colors = colorsOf(context.out)
    // Loaded when the command runs: every command module is imported on every run of `parley`.
    const { startDevSession } = await import('../serve/dev-session.js')
    const session = await startDevSession({
      dir: projectDir, port, hostname: options.host, env: process.env, out: context.out,
      onLog: (record) => context.out.error(formatLog(record, projectDir, colors)),
      onReload: (error, files) => context.out.info(error ? `${colors.yellow('Reload failed')}, the previous code still runs: ${describe(error)}` : `Reloaded after changes to ${files.join(', ')}`),
    })
    printBanner(context, session)
    await untilStopped()
    await session.close()
    return 0
  },
}

function printBanner({ out }: CommandContext, session: DevSession): void {
  const { bold } = colorsOf(out)
  out.info(`\nParley dev: bot "${session.botId}"`)
  out.info(`  Chat:     ${bold(session.chatUrl)}`)
  out.info(`  Studio:   ${bold(session.studioUrl)}  (log in with an admin token)`)
  out.info(`  API:      ${session.url}/v1/bots/${session.botId}`)
  out.info(`  OpenAPI:  ${session.url}/openapi.json`)
  if (session.token) out.info(`  Token:    ${session.token}  (admin, this run only; set PARLEY_API_TOKENS to choose tokens)`)
  out.info('Watching for changes. `parley chat` here talks to the bot; Ctrl+C stops.')
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
