import { resolve } from 'node:path'
import { colorsOf } from '../cli/output.js'
import { formatLog, parsePort } from '../serve/listen-options.js'
import { untilStopped } from '../serve/until-stopped.js'
import type { CommandSpec } from './command.js'

interface ServeCommandOptions {
  readonly data: string
}

export const serve: CommandSpec<ServeCommandOptions> = {
  name: 'serve',
  summary: 'Run a server for many bots, which takes new versions from `parley deploy`',
  details: [
    'Runs the active version of every bot deployed to its database, and takes new ones over its API (admin token only):',
    'a new version serves new turns once it has started, while the old one finishes the turns it began, then stops.',
    'The last versions of each bot are kept for `parley deploy --rollback`. One process owns the embedded database.',
    'Environment:',
    '  DATABASE_URL           postgres://… (else the embedded database in <data>/db)',
    '  PORT, HOST             where to listen (default 3000 on 0.0.0.0)',
    '  PARLEY_API_TOKENS      API tokens; deploying needs one of scope admin (admin=<token>)',
    '  PARLEY_WEBCHAT_SECRET  signs web chat sessions; set it so they survive restarts',
    '  PARLEY_KEEP_VERSIONS   versions kept per bot, the active one included (default 5)',
    '  PARLEY_DEPLOY_LIMIT    largest upload in bytes (default 67108864, 64 MiB)',
  ].join('\n'),
  options: [{ flags: '--data <dir>', description: 'where the embedded database and the deployed code live', defaultValue: '.parley-data' }],
  async run(context, _args, options) {
    const env = process.env
    const port = parsePort(env['PORT'] ?? '3000', 'PORT')
    const colors = colorsOf(context.out)
    // Stack traces of deployed code point into it as it was bundled.
    process.setSourceMapsEnabled(true)
    // Loaded when the command runs: every command module is imported on every run of `parley`.
    const { startServeServer } = await import('../serve/deployments/serve-server.js')
    const server = await startServeServer({
      dataDir: resolve(context.cwd, options.data), port, hostname: env['HOST'] ?? '0.0.0.0', env, out: context.out,
      onLog: (record) => void (record.level !== 'debug' && context.out.error(formatLog(record, context.cwd, colors))),
    })
    const running = server.bots.length > 0 ? server.bots.map((id) => `"${id}"`).join(', ') : 'no bot yet'
    context.out.info(`Parley serve at ${server.url}: ${running}; deploy with \`parley deploy --url ${server.url} --token <admin token>\``)
    await untilStopped()
    await server.close()
    return 0
  },
}
