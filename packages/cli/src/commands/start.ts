import { resolve } from 'node:path'
import { colorsOf } from '../cli/output.js'
import { formatLog, parsePort } from '../serve/listen-options.js'
import { untilStopped } from '../serve/until-stopped.js'
import type { CommandSpec } from './command.js'

export const start: CommandSpec = {
  name: 'start',
  summary: 'Run the built bot for production (PostgreSQL with DATABASE_URL)',
  details: [
    'Runs dist/ as `parley build` made it. Configuration is checked before anything starts: a bad value exits 1 at once.',
    'It stops on SIGTERM or SIGINT, or when the process that started it ends (run it under a service manager, or `setsid -f`, to detach it).',
    'Environment:',
    '  DATABASE_URL           postgres://… (else the embedded database in .parley-data)',
    '  PORT, HOST             where to listen (default 3000 on 0.0.0.0)',
    '  PARLEY_API_TOKENS      API tokens: scope=token entries, such as admin=<token>,bot:<id>=sha256:<hex>',
    '  PARLEY_WEBCHAT_SECRET  signs web chat sessions; set it so they survive restarts and work across processes',
    '  PARLEY_APPS_ALLOW_PRIVATE_URLS  1 lets external apps\' webhook URLs point at loopback and private addresses (refused by default)',
    '  PARLEY_CONVERSATION_TIMEOUT  ends a conversation after this long without a message (30m, 1h, 2d), running plugins\' conversation:end hooks',
  ].join('\n'),
  arguments: [{ name: '[dir]', description: 'the bot project (default: the current directory)' }],
  async run(context, [dir]) {
    const env = process.env
    const port = parsePort(env['PORT'] ?? '3000', 'PORT')
    const projectDir = resolve(context.cwd, dir ?? '.')
    const colors = colorsOf(context.out)
    // Stack traces of the bundle point at the TypeScript sources (esbuild writes source maps).
    process.setSourceMapsEnabled(true)
    // Loaded when the command runs: every command module is imported on every run of `parley`.
    const { startProductionServer } = await import('../serve/start-session.js')
    const server = await startProductionServer({
      dir: projectDir, port, hostname: env['HOST'] ?? '0.0.0.0', env, out: context.out,
      // Debug records are for development; production logs start at info.
      onLog: (record) => void (record.level !== 'debug' && context.out.error(formatLog(record, projectDir, colors))),
    })
    context.out.info(`Parley: bot "${server.botId}" at ${server.url}/v1/bots/${server.botId}, chat page at ${server.url}/chat/${server.botId}, Parley Studio at ${server.url}/studio/`)
    await untilStopped()
    await server.close()
    return 0
  },
}
