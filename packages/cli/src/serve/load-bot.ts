import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { tsImport } from 'tsx/esm/api'
import type { ComposedBot } from '@parley/runtime'
import { ServeError } from './serve-error.js'

const DEFINITION = 'bot.definition'
const IMPLEMENTATION = 'src/index'

/**
 * The bot's definition and implementation straight from TypeScript, as `parley dev` runs it. Every call
 * imports afresh, so a reload sees the files as they are now.
 */
export async function loadBotSource(dir: string): Promise<ComposedBot> {
  const load = (file: string) => tsImport(pathToFileURL(join(dir, file)).href, import.meta.url)
  return composedBot(await importFile(dir, `${DEFINITION}.ts`, load), await importFile(dir, `${IMPLEMENTATION}.ts`, load))
}

/** The bot as `parley build` bundled it into `dist/`, as `parley start` runs it. */
export async function loadBotBuild(dir: string): Promise<ComposedBot> {
  const load = (file: string) => import(pathToFileURL(join(dir, file)).href) as Promise<unknown>
  const missing = [`dist/${DEFINITION}.js`, 'dist/index.js'].filter((file) => !existsSync(join(dir, file)))
  if (missing.length > 0) throw new ServeError('BUILD_MISSING', `${missing.join(' and ')} not found in ${dir}; run \`parley build\` first (or \`parley dev\` to run from source)`)
  return composedBot(await importFile(dir, `dist/${DEFINITION}.js`, load), await importFile(dir, 'dist/index.js', load))
}

async function importFile(dir: string, file: string, load: (file: string) => Promise<unknown>): Promise<unknown> {
  if (!existsSync(join(dir, file))) throw new ServeError('BOT_NOT_FOUND', `${file} not found in ${dir}; run this in a bot project (one made by \`parley init\`), or pass its directory`)
  try {
    return ((await load(file)) as { default?: unknown }).default
  } catch (error) {
    throw new ServeError('BOT_LOAD_FAILED', `${file} failed to load: ${error instanceof Error ? error.message : String(error)}`)
  }
}

/** Kinds are told apart by their `kind` field: the project may load its own copy of the SDK. */
function composedBot(definition: unknown, implementation: unknown): ComposedBot {
  if (kindOf(definition) !== 'bot') {
    throw new ServeError('BOT_LOAD_FAILED', `${DEFINITION}.ts must export a BotDefinition as its default export (\`export default new BotDefinition({ … })\`)`)
  }
  if (kindOf(implementation) !== 'botImplementation') {
    throw new ServeError('BOT_LOAD_FAILED', `${IMPLEMENTATION}.ts must export the bot's implementation as its default export (\`export default new bp.Bot({ actions })\`)`)
  }
  return { definition, implementation } as ComposedBot
}

function kindOf(value: unknown): unknown {
  return typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined
}
