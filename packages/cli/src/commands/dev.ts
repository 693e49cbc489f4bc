import { resolve } from 'node:path'
import { formatLog, parsePort, untilStopped } from '../serve/listen-options.js'
import type { DevSession } from '../serve/dev-session.js'
import type { CommandContext, CommandSpec } from './command.js'

interface DevCommandOptions {
  readonly port: string
  readonly host: string
}

export const dev: CommandSpec<DevCommandOptions> = {
  name: 'dev',
  summary: 'Run the bot from source on the embedded database, with its chat page, reloading on changes',
  details: 'Generates .parley/, loads bot.definition.ts and src/index.ts, and serves the API, /openapi.json and the chat page at /chat/<bot>. Data stays in .parley-data/ across reloads and restarts. API calls need a token: PARLEY_API_TOKENS, or the admin token printed at start.',
  arguments: [{ name: '[dir]', description: 'the bot project (default: the current directory)' }],
  options: [
    { flags: '-p, --port <port>', description: 'port to listen on', defaultValue: process.env['PORT'] ?? '3000' },
    { flags: '--host <host>', description: 'address to listen on', defaultValue: '127.0.0.1' },
  ],
  async run(context, [dir], options) {
    // Loaded when the command runs: every command module is imported on every run of `parley`.
    const { startDevSession } = await import('../serve/dev-session.js')
    const session = await startDevSession({
      dir: resolve(context.cwd, dir ?? '.'), port: parsePort(options.port, '--port'), hostname: options.host, env: process.env, out: context.out,
      onLog: (record) => context.out.error(formatLog(record)),
      onReload: (error, files) => context.out.info(error ? `Reload failed, the previous code still runs: ${describe(error)}` : `Reloaded after changes to ${files.join(', ')}`),
    })
    printBanner(context, session)
    await untilStopped()
    await session.close()
    return 0
  },
}

function printBanner({ out }: CommandContext, session: DevSession): void {
  out.info(`\nParley dev: bot "${session.botId}"`)
  out.info(`  Chat:     ${session.chatUrl}`)
  out.info(`  API:      ${session.url}/v1/bots/${session.botId}`)
  out.info(`  OpenAPI:  ${session.url}/openapi.json`)
  if (session.token) out.info(`  Token:    ${session.token}  (admin, this run only; set PARLEY_API_TOKENS to choose tokens)`)
  out.info('Watching for changes. `parley chat` here talks to the bot; Ctrl+C stops.')
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error)
}
