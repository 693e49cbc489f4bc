import { existsSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { basename, dirname, join, relative, resolve } from 'node:path'
import { ALIAS, MANIFEST_FILE } from '@parley/sdk'
import { CliError } from '../errors/cli-error.js'
import { DEFINITION_KINDS, definitionFileName, type DefinitionKind } from '../codegen/load/definition-files.js'
import { fileSpec } from '../project/dependencies.js'
import { installPackage, isInstalled } from '../project/install-package.js'
import { checkoutPackages, linkCheckout } from '../project/link-checkout.js'
import { copyTemplate } from '../project/templates.js'
import { projectTransaction } from '../project/transaction.js'
import { recordDependency } from './add.js'
import { cliVersion, sdkVersionRange } from '../project/versions.js'
import type { CommandContext, CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

interface InitOptions {
  readonly type: DefinitionKind
  readonly template: string
  readonly standalone?: boolean
  readonly link?: string
  readonly install: boolean
}

export const init: CommandSpec<InitOptions> = {
  name: 'init',
  summary: 'Create a bot, plugin, integration or interface project from a template',
  details: [
    'Writes the definition file, src/index.ts, a test, tsconfig.json, package.json and a CI workflow, then generates .parley/. Templates: empty and hello-world for every type; bot-with-plugin and llm-bot (a bot answering with a model through @parley/integration-openai) for bots; create-plugin (one createPlugin object) and manifest-plugin (a plugin folder: plugin.json and handler.py) for plugins.',
    'A plugin created inside a bot project (parley init --type plugin plugins/faq, run in the bot) is a plugin of that bot: no package.json or CI of its own,',
    'recorded in the bot\'s package.json "parleyDependencies" and added to bot.definition.ts (bot.addPlugin(faq, { alias: \'faq\' })). --standalone makes a project of its own instead.',
  ].join('\n'),
  arguments: [{ name: '<dir>', description: 'the directory to create (it must not exist, or be empty)' }],
  options: [
    { flags: '-t, --type <type>', description: 'what the project defines', choices: DEFINITION_KINDS, defaultValue: 'bot' },
    { flags: '--template <name>', description: 'the template to start from', defaultValue: 'hello-world' },
    { flags: '--standalone', description: 'inside a bot project, make a plugin project of its own rather than a plugin of the bot' },
    { flags: '--link <checkout>', description: 'use the Parley packages of a local checkout (installed and built) instead of published ones' },
    { flags: '--no-install', description: 'do not run npm install in the new project (it runs when @parley/sdk is not already reachable from there)' },
  ],
  async run(context, [dir], options) {
    const target = resolve(context.cwd, dir!)
    checkEmpty(target)
    const bot = options.type === 'plugin' && !options.standalone ? enclosingBot(target) : undefined
    if (bot) return initPluginOfBot(context, target, bot, options.template)
    const name = projectName(target)
    // Checked before anything is written: a checkout that is not built leaves no half-made project.
    const linked = options.link === undefined ? undefined : checkoutPackages(resolve(context.cwd, options.link))
    const files = copyTemplate(options.type, options.template, target, templateValues(name, options.type))
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

/** The nearest directory above `target` holding a bot's definition. */
function enclosingBot(target: string): string | undefined {
  for (let dir = dirname(target); ; dir = dirname(dir)) {
    if (existsSync(join(dir, definitionFileName('bot')))) return dir
    if (dirname(dir) === dir || basename(dir) === 'node_modules') return undefined
  }
}

/**
 * A plugin of the bot in `bot`: the plugin template's files, a tsconfig.json extending the bot's, and
 * `index.ts` carrying definition and implementation as one package; recorded in the bot's
 * "parleyDependencies" and added to its definition under the plugin's name. All or nothing.
 */
async function initPluginOfBot(context: CommandContext, target: string, bot: string, template: string): Promise<number> {
  const name = projectName(target)
  const from = `./${relative(bot, target).split('\\').join('/')}`
  const definitionFile = join(bot, definitionFileName('bot'))
  const { wirePlugin } = await import('../project/wire-plugin.js')
  await projectTransaction(bot, async () => {
    copyTemplate('plugin', template, target, templateValues(name, 'plugin'), { shared: false })
    writeFileSync(join(target, 'tsconfig.json'), `${JSON.stringify({ extends: `${relative(target, bot).split('\\').join('/')}/tsconfig.json`, include: ['*.ts', 'src', 'test', '.parley/**/*.ts'] }, null, 2)}\n`)
    // A plugin folder's index.ts loads it with manifestPlugin already; its package.json is the bot's.
    if (existsSync(join(target, MANIFEST_FILE))) rmSync(join(target, 'package.json'), { force: true })
    else writeFileSync(join(target, 'index.ts'), PACKAGE_ENTRY)
    await writeGenerated({ ...context, cwd: target })
    wirePlugin(definitionFile, name, from)
    await recordDependency({ ...context, cwd: bot }, name, fileSpec(from))
  }, { files: [definitionFile], created: [target] })
  const shown = relative(context.cwd, target) || '.'
  context.out.info(`Created plugin "${name}" of bot ${relative(context.cwd, bot) || '.'} in ${shown}: recorded in package.json "parleyDependencies" and added in bot.definition.ts as bot.addPlugin(…, { alias: '${name}' })`)
  context.out.info(`Its own generated types and checks: parley gen --cwd ${shown}, parley check --cwd ${shown}`)
  return 0
}

/** A plugin inside a bot is imported as one package: its definition beside its implementation. */
const PACKAGE_ENTRY = `import definition from './plugin.definition'
import implementation from './src/index'

/** This plugin as one package, for \`bot.addPlugin(plugin, { alias })\`. */
export default { definition, implementation }
`

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

/** The `{{…}}` placeholders of template files; `id` is the name as a plugin folder's manifest spells it (`my_plugin`). */
function templateValues(name: string, type: DefinitionKind): Record<string, string> {
  return { name, id: name.replace(/-/g, '_'), type, sdkVersion: sdkVersionRange(), cliVersion: cliVersion() }
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
  const definitions = new Set([...DEFINITION_KINDS.map(definitionFileName), MANIFEST_FILE])
  const projects = files.filter((f) => definitions.has(basename(f))).map((f) => join(target, dirname(f)))
  projects.sort((a, b) => b.length - a.length)
  try {
    for (const cwd of projects) await writeGenerated({ ...context, cwd })
  } catch (error) {
    if (!(error instanceof CliError)) throw error
    context.out.error(`Could not generate .parley/ yet: ${error.message}\nAfter npm install, run npx parley gen.`)
  }
}
