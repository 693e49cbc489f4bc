import { CliError } from '../errors/cli-error.js'
import type { CommandSpec } from './command.js'

interface BotsOptions {
  readonly url?: string
  readonly token?: string
}

export const bots: CommandSpec<BotsOptions> = {
  name: 'bots',
  summary: 'List the bots of a `parley serve` and the versions it keeps (`parley bots list`)',
  details: 'One line per version kept, newest first; the active one is marked. Environment: PARLEY_URL and PARLEY_TOKEN stand in for --url and --token.',
  arguments: [{ name: '<action>', description: 'list' }],
  options: [
    { flags: '--url <url>', description: 'the server (default: PARLEY_URL)' },
    { flags: '--token <token>', description: 'an API token of scope admin on that server (default: PARLEY_TOKEN)' },
  ],
  async run(context, [action], options) {
    if (action !== 'list') throw new CliError('USAGE', `unknown action "${action}"; use \`parley bots list\``)
    const url = options.url ?? process.env['PARLEY_URL']
    const token = options.token ?? process.env['PARLEY_TOKEN']
    if (!url || !token) throw new CliError('USAGE', 'pass --url <url> and --token <admin token> (or set PARLEY_URL and PARLEY_TOKEN)')
    const { listDeployments } = await import('../deploy/server-api.js')
    const deployments = await listDeployments({ url, token })
    if (deployments.length === 0) context.out.info(`no bot is deployed at ${url}`)
    for (const entry of deployments) {
      context.out.info(`${entry.botId}\tversion ${entry.version}\t${entry.createdAt}\t${entry.size} bytes${entry.active ? '\tactive' : ''}`)
    }
    return 0
  },
}
