import { resolve } from 'node:path'
import type { ServerAccess } from '../deploy/server-api.js'
import { step } from '../cli/output.js'
import { CliError } from '../errors/cli-error.js'
import type { CommandContext, CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

interface DeployOptions {
  readonly url?: string
  readonly token?: string
  readonly bot?: string
  readonly force?: boolean
  readonly rollback?: boolean
  readonly version?: string
  readonly check: boolean
}

export const deploy: CommandSpec<DeployOptions> = {
  name: 'deploy',
  summary: 'Build the bot and upload it to a `parley serve`, which swaps to it without dropping turns',
  details: [
    'Generates .parley/, type-checks, bundles the bot with its dependencies (the server provides @parley/*), and uploads it with its',
    'definition. The server refuses a version whose states or tables do not fit the data it holds, naming them and the records at',
    'fault; --force runs it anyway. --rollback serves the version before the active one again (or --version N).',
    'Environment: PARLEY_URL and PARLEY_TOKEN stand in for --url and --token.',
  ].join('\n'),
  arguments: [{ name: '[dir]', description: 'the bot project (default: the current directory)' }],
  options: [
    { flags: '--url <url>', description: 'the server (default: PARLEY_URL)' },
    { flags: '--token <token>', description: 'an API token of scope admin on that server (default: PARLEY_TOKEN)' },
    { flags: '--bot <id>', description: "the bot's id on the server (default: its package name without the scope)" },
    { flags: '--force', description: 'deploy even when stored states or rows do not fit the new definition' },
    { flags: '--rollback', description: 'serve an earlier version again instead of uploading' },
    { flags: '--version <n>', description: 'with --rollback: the version to serve (default: the one before the active one)' },
    { flags: '--no-check', description: 'skip the type-check (when CI ran `parley check` already)' },
  ],
  async run(context, [dir], options) {
    const projectDir = resolve(context.cwd, dir ?? '.')
    const access = serverAccess(options)
    const { botIdFor } = await import('../serve/bot-id.js')
    const botId = options.bot ?? botIdFor(projectDir)
    const api = await import('../deploy/server-api.js')
    const outcome = options.rollback
      ? await step(context.out, `Rolling bot "${botId}" back`, () => api.rollback(access, botId, { ...versionOf(options), ...(options.force ? { force: true } : {}) }))
      : await api.deploy(access, botId, { ...(await build({ ...context, cwd: projectDir }, options.check)), ...(options.force ? { force: true } : {}) })
    const previous = outcome.previous === undefined ? '' : ` (was version ${outcome.previous})`
    context.out.info(`Deployed bot "${botId}" version ${outcome.deployment.version} to ${access.url}${previous}`)
    return 0
  },
}

function serverAccess(options: DeployOptions): ServerAccess {
  const url = options.url ?? process.env['PARLEY_URL']
  const token = options.token ?? process.env['PARLEY_TOKEN']
  if (!url) throw new CliError('USAGE', 'which server? Pass --url <url> (or set PARLEY_URL), where `parley serve` runs')
  if (!token) throw new CliError('USAGE', 'deploying needs an admin token of that server: pass --token <token> (or set PARLEY_TOKEN)')
  return { url, token }
}

function versionOf(options: DeployOptions): { version?: number } {
  if (options.version === undefined) return {}
  const version = Number(options.version)
  if (!Number.isSafeInteger(version) || version < 1) throw new CliError('USAGE', `--version "${options.version}" is not a version number; \`parley bots list\` shows them`)
  return { version }
}

/** What `parley build` does, but bundled for a server: gen, type-check, bundle in memory. */
async function build(context: CommandContext, check: boolean): Promise<{ bundle: string; definition: string }> {
  const { findDefinitionFile } = await import('../codegen/load/definition-files.js')
  const { bundleForDeploy } = await import('../project/bundle.js')
  const definition = findDefinitionFile(context.cwd)
  if (definition.kind !== 'bot') throw new CliError('PROJECT_INVALID', `${definition.fileName} is a ${definition.kind}; only a bot is deployed (a bot adds this package with \`parley add\`)`)
  await writeGenerated(context)
  if (check) await typecheck(context)
  return step(context.out, 'Bundling the bot', () => bundleForDeploy(context.cwd, definition))
}

async function typecheck(context: CommandContext): Promise<void> {
  const { formatDiagnostic, typecheckProject } = await import('../project/typecheck.js')
  const diagnostics = await step(context.out, 'Type-checking the project', async () => typecheckProject(context.cwd))
  if (diagnostics.length === 0) return
  for (const diagnostic of diagnostics) context.out.error(formatDiagnostic(diagnostic))
  throw new CliError('TYPE_ERRORS', `not deployed: ${diagnostics.length} type error(s)`)
}
