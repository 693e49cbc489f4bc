import { CliError } from '../errors/cli-error.js'
import { findDefinitionFile } from '../codegen/load/definition-files.js'
import { importDefinition } from '../codegen/load/import-definition.js'
import { findPackageDefinition, readParleyDependencies } from './dependencies.js'
import { isManifestFile } from '../codegen/load/manifest-folder.js'

/**
 * How package.json "parleyDependencies" and a bot's definition relate: the first says where each
 * package comes from (so `parley gen` can write its typed module under the alias), the second adds it
 * to the bot under that same alias (`bot.addPlugin(pkg, { alias })`, `bot.addIntegration(…)`). Every
 * plugin and integration recorded must be added, and every one added must be recorded.
 */
export interface CompositionDrift {
  /** Aliases the definition adds but package.json does not record. */
  readonly unrecorded: readonly { alias: string; kind: 'plugin' | 'integration' }[]
  /** Plugins and integrations package.json records but the definition does not add. */
  readonly unadded: readonly { alias: string; kind: 'plugin' | 'integration'; spec: string; folder: boolean }[]
}

/** The packages a bot adds, by alias; nothing for other kinds of project. */
export async function addedPackages(dir: string): Promise<Map<string, 'plugin' | 'integration'> | undefined> {
  const file = findDefinitionFile(dir)
  if (file.kind !== 'bot') return undefined
  const bot = (await importDefinition(file)).value as { plugins?: Record<string, unknown>; integrations?: Record<string, unknown> }
  return new Map([
    ...Object.keys(bot.integrations ?? {}).map((alias) => [alias, 'integration'] as const),
    ...Object.keys(bot.plugins ?? {}).map((alias) => [alias, 'plugin'] as const),
  ])
}

export async function compositionDrift(dir: string): Promise<CompositionDrift> {
  const added = await addedPackages(dir)
  if (!added) return { unrecorded: [], unadded: [] }
  const recorded = readParleyDependencies(dir).map((dependency) => {
    const file = findPackageDefinition(dir, dependency)
    return { ...dependency, kind: file.kind, folder: isManifestFile(file) }
  })
  return {
    unrecorded: [...added].filter(([alias]) => !recorded.some((r) => r.alias === alias)).map(([alias, kind]) => ({ alias, kind })),
    unadded: recorded.flatMap((r) => (r.kind === 'plugin' || r.kind === 'integration') && !added.has(r.alias) ? [{ alias: r.alias, kind: r.kind, spec: r.spec, folder: r.folder }] : []),
  }
}

/** One line per problem, saying what to write. */
export function describeCompositionDrift(drift: CompositionDrift): string[] {
  return [
    ...drift.unrecorded.map(({ alias, kind }) => `bot.definition.ts adds ${kind} "${alias}", which package.json "parleyDependencies" does not record; run \`parley add <its path or package> --alias ${alias}\``),
    ...drift.unadded.map(({ alias, kind, spec, folder }) => `package.json "parleyDependencies" records ${kind} "${alias}" (${spec}), which bot.definition.ts does not add; add it there (${addCall(kind, alias, spec, folder)}) or run \`parley remove ${alias}\``),
  ]
}

/** The lines that add a recorded package to a bot's definition; a plugin folder is loaded by `manifestPlugin`. */
export function addCall(kind: 'plugin' | 'integration', alias: string, spec: string, folder = false): string {
  const from = spec.startsWith('file:') ? spec.slice('file:'.length) : spec
  if (folder) return `import { manifestPlugin } from '@parley/sdk' and bot.addPlugin(manifestPlugin('${from}'), { alias: '${alias}' })`
  const name = alias.replace(/[^A-Za-z0-9_]/g, '_')
  return `import ${name} from '${from}' and bot.${kind === 'plugin' ? 'addPlugin' : 'addIntegration'}(${name}, { alias: '${alias}' })`
}

/** Refuses to forget a package the definition still adds. */
export async function checkNotAdded(dir: string, alias: string): Promise<void> {
  const kind = (await addedPackages(dir))?.get(alias)
  if (kind) throw new CliError('ALIAS_IN_USE', `bot.definition.ts still adds ${kind} "${alias}"; remove its \`bot.${kind === 'plugin' ? 'addPlugin' : 'addIntegration'}(…, { alias: '${alias}' })\` first, then run \`parley remove ${alias}\` again`)
}
