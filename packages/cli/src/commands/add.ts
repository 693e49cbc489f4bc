import { existsSync, statSync } from 'node:fs'
import { relative, resolve } from 'node:path'
import { ALIAS } from '@parley/sdk'
import { CliError } from '../errors/cli-error.js'
import { fileSpec, findPackageDefinition } from '../project/dependencies.js'
import { installPackage, isInstalled, parseNpmSpec } from '../project/install-package.js'
import { readPackageJson, writePackageJson } from '../project/package-json.js'
import { projectTransaction } from '../project/transaction.js'
import { packageModuleDir } from '../codegen/layout.js'
import { isManifestFile } from '../codegen/load/manifest-folder.js'
import type { CommandContext, CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

interface AddOptions {
  readonly alias?: string
}

export const add: CommandSpec<AddOptions> = {
  name: 'add',
  summary: 'Add a plugin, integration or interface package and generate its typed module',
  details: `Records the package in package.json "parleyDependencies" (a local path as file:…, or an npm package by name) and generates its types into ${packageModuleDir('<alias>')}/. An npm package given with a version or range (@acme/analytics@^1.2.0), or not installed yet, is installed with npm install first. All or nothing: if the package cannot be generated, package.json and .parley/ stay as they were (a package npm installed stays installed). A bot then adds the package in bot.definition.ts under the same alias (bot.addPlugin(pkg, { alias }) or bot.addIntegration); \`parley check\` fails until it does.`,
  arguments: [{ name: '<package>', description: 'a path to a package directory (./plugins/analytics) or a plugin folder with plugin.json (./plugins/message_logger), or an npm package, with or without a version or range (@acme/analytics@^1.2.0)' }],
  options: [{ flags: '--alias <alias>', description: 'the name to record it under (default: the package definition\'s name)' }],
  async run(context, [target], options) {
    const { importDefinition } = await import('../codegen/load/import-definition.js')
    const { cwd, out } = context
    const spec = toSpec(cwd, target!) ?? installed(cwd, target!)
    const file = findPackageDefinition(cwd, { alias: 'package', spec })
    const definition = await importDefinition(file)
    const name = definition.value.name
    if (definition.kind === 'bot' || !name) throw new CliError('PACKAGE_NOT_FOUND', `${target} is a bot; add plugins, integrations or interfaces`)
    const alias = options.alias ?? name
    if (!ALIAS.test(alias)) throw new CliError('ALIAS_INVALID', `alias "${alias}" is not allowed; use letters, digits, _ and -, starting with a letter (pass --alias)`)
    await recordDependency(context, alias, spec)
    out.info(`Added ${definition.kind} "${name}" as "${alias}"; its types are in ${packageModuleDir(alias)}/`)
    if (definition.kind === 'plugin' || definition.kind === 'integration') await sayHowToCompose(context, definition.kind, alias, spec, isManifestFile(file))
    return 0
  },
}

/** Records `alias` → `spec` and regenerates, all or nothing. */
export async function recordDependency(context: CommandContext, alias: string, spec: string): Promise<void> {
  await projectTransaction(context.cwd, async () => {
    const json = readPackageJson(context.cwd)
    json.parleyDependencies = { ...json.parleyDependencies, [alias]: spec }
    writePackageJson(context.cwd, json)
    await writeGenerated(context)
  })
}

/** A bot adds the package in its definition too; say how, unless it already does. */
async function sayHowToCompose({ cwd, out }: CommandContext, kind: 'plugin' | 'integration', alias: string, spec: string, folder: boolean): Promise<void> {
  const { addCall, addedPackages } = await import('../project/composition.js')
  const added = await addedPackages(cwd)
  if (added && !added.has(alias)) out.info(`Next, in bot.definition.ts: ${addCall(kind, alias, spec, folder)}`)
}

/** A local directory becomes `file:<path relative to the project>`; anything else is an npm package. */
function toSpec(cwd: string, target: string): string | undefined {
  const path = resolve(cwd, target)
  const looksLikePath = /^(\.{1,2}[\\/]|[\\/])/.test(target) || (existsSync(path) && statSync(path).isDirectory())
  if (!looksLikePath) return undefined
  if (!existsSync(path)) throw new CliError('PACKAGE_NOT_FOUND', `${target} does not exist; give the directory holding the package's definition file`)
  const rel = relative(cwd, path) || '.'
  return fileSpec(rel.startsWith('.') ? rel : `./${rel}`)
}

/** An npm package, installed first when a version or range is given or it is not there yet; recorded by name. */
function installed(cwd: string, target: string): string {
  const { name, pinned } = parseNpmSpec(target)
  if (pinned || !isInstalled(cwd, name)) installPackage(cwd, target)
  return name
}

