import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, join, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import { CliError } from '../errors/cli-error.js'
import type { DefinitionKind } from '../codegen/load/definition-files.js'

/**
 * `templates/` beside `src/` and `dist/`: `shared/` for every project, `package/` for the plugins,
 * integrations and interfaces that are published for bots to add, then `<kind>/<template>/`.
 */
const TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url))
const SHARED = 'shared'
const PACKAGE = 'package'

/** Values for the `{{name}}` placeholders in template files. */
export type TemplateValues = Readonly<Record<string, string>>

/** The templates a kind of project can start from, by name. */
export function templateNames(kind: DefinitionKind): string[] {
  const dir = join(TEMPLATES_DIR, kind)
  return existsSync(dir) ? readdirSync(dir).sort() : []
}

/**
 * Writes a template into `target`: the shared files first, then the template's own (which win). A
 * leading `_` in a path segment becomes `.` (`_gitignore`, `_github/`): npm would drop those files
 * from the published package under their real names.
 */
export function copyTemplate(kind: DefinitionKind, template: string, target: string, values: TemplateValues, options: { readonly shared?: boolean } = {}): string[] {
  const source = join(TEMPLATES_DIR, kind, template)
  if (!existsSync(source)) {
    throw new CliError('TEMPLATE_UNKNOWN', `there is no ${kind} template "${template}"; choose one of: ${templateNames(kind).join(', ')}`)
  }
  const files = new Map<string, string>()
  // The shared files make a project of its own (package.json, CI, tsconfig; a package's exports and README
  // for plugins, integrations and interfaces); a plugin inside a bot has the bot's.
  const layers = options.shared === false ? [] : kind === 'bot' ? [SHARED] : [SHARED, PACKAGE]
  for (const root of [...layers.map((layer) => join(TEMPLATES_DIR, layer)), source]) {
    for (const file of listFiles(root)) files.set(targetPath(relative(root, file)), file)
  }
  for (const [path, file] of files) {
    mkdirSync(dirname(join(target, path)), { recursive: true })
    writeFileSync(join(target, path), fill(readFileSync(file, 'utf8'), values))
  }
  return [...files.keys()].sort()
}

function fill(text: string, values: TemplateValues): string {
  return text.replace(/\{\{(\w+)\}\}/g, (match, key: string) => values[key] ?? match)
}

function targetPath(path: string): string {
  return path.split(sep).map((segment) => segment.replace(/^_/, '.')).join('/')
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  )
}
