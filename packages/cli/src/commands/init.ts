import { existsSync, readdirSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { ALIAS } from '@parley/sdk'
import { CliError } from '../errors/cli-error.js'
import { DEFINITION_KINDS, definitionFileName, type DefinitionKind } from '../codegen/load/definition-files.js'
import { installPackage, isInstalled } from '../project/install-package.js'
import { checkoutPackages, linkCheckout } from '../project/link-checkout.js'
import { copyTemplate } from '../project/templates.js'
import { cliVersion, sdkVersionRange } from '../project/versions.js'
import type { CommandContext, CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

interface InitOptions {
  readonly type: DefinitionKind
  readonly template: string
  readonly link?: string
  readonly install: boolean
}

export const init: CommandSpec<InitOptions> = {
  name: 'init',
  summary: 'Create a bot, plugin, integration or interface project from a template',
  details: 'Writes the definition file, src/index.ts, a test, tsconfig.json, package.json and a CI workflow, then generates .parley/. Templates: empty and hello-world for every type, and bot-with-plugin for bots.',
  arguments: [{ name: '<dir>', description: 'the directory to create (it must not exist, or be empty)' }],
  options: [
    { flags: '-t, --type <type>', description: 'what the project defines', choices: DEFINITION_KINDS, defaultValue: 'bot' },
    { flags: '--template <name>', description: 'the template to start from', defaultValue: 'hello-world' },
    { flags: '--link <checkout>', description: 'use the Parley packages of a local checkout (installed and built) instead of published ones' },
    { flags: '--no-install', description: 'do not run npm install in the new project (it runs when @parley/sdk is not already reachable from there)' },
  ],
  async run(context, [dir], options) {
    const target = resolve(context.cwd, dir!)
    checkEmpty(target)
    const name = projectName(target)
    // Checked before anything is written: a checkout that is not built leaves no half-made project.
    const linked = options.link === undefined ? undefined : checkoutPackages(resolve(context.cwd, options.link))
    const files = copyTemplate(options.type, options.template, target, { name, type: options.type, sdkVersion: sdkVersionRange(), cliVersion: cliVersion() })
    context.out.info(`Created ${options.type} "${name}" from template "${options.template}" in ${relative(context.cwd, target) || '.'}`)
    if (linked) {
      linkCheckout(target, linked)
      context.out.info(`Linked to the local checkout: ${linked.map((p) => p.name).join(', ')}`)
    }
    if (options.install) installDependencies(context, target)
    await generateAll(context, target, files)
    context.out.info(`Next: cd ${relative(context.cwd, target) || '.'} && ${options.install ? '' : 'npm install && npx parley gen && '}npm test`)
    return 0
  },
}

/**
 * Installs the new project's dependencies unless it already reaches Parley (a project made inside a
 * workspace that has it), so that `.parley/` can be generated now and the project is ready to use.
 */
function installDependencies({ out }: CommandContext, target: string): void {
  if (isInstalled(target, '@parley/sdk')) return
  out.info('Installing dependencies with npm install…')
  installPackage(target)
}

function checkEmpty(target: string): void {
  if (existsSync(target) && readdirSync(target).length > 0) {
    throw new CliError('DIRECTORY_NOT_EMPTY', `${target} already exists and is not empty; choose a new directory`)
  }
}

/** The definition's `name`: the directory name, made a valid alias (`My Bot` → `my-bot`). */
function projectName(target: string): string {
  const name = basename(target).toLowerCase().replace(/[^a-z0-9_-]+/g, '-').replace(/^[^a-z]+/, '')
  return ALIAS.test(name) ? name : 'my-project'
}

/**
 * Generates `.parley/` for the project and any project inside it (a template's local plugin), inner
 * ones first since outer definitions may import them. When the sdk is not installed yet, says how to
 * finish instead of failing: the project itself was created.
 */
async function generateAll(context: CommandContext, target: string, files: readonly string[]): Promise<void> {
  const definitions = new Set(DEFINITION_KINDS.map(definitionFileName))
  const projects = files.filter((f) => definitions.has(basename(f))).map((f) => join(target, dirname(f)))
  projects.sort((a, b) => b.length - a.length)
  try {
    for (const cwd of projects) await writeGenerated({ ...context, cwd })
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    context.out.error(`Could not generate .parley/ yet: ${error.message}\nAfter npm install, run npx parley gen.`)
  }
}
