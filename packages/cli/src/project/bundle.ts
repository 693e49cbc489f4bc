import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build, type BuildFailure, type Message } from 'esbuild'
import { CliError } from '../errors/cli-error.js'
import type { DefinitionFile } from '../codegen/load/definition-files.js'

export const BUILD_DIR = 'dist'
const IMPLEMENTATION_ENTRY = 'src/index.ts'
/** A published plugin's, integration's or interface's entry: what `import analytics from '@acme/analytics'` gets. */
const PACKAGE_ENTRY = 'index.ts'

/** The package entry of a plugin, integration or interface that has one; a bot has none. */
export function packageEntry(projectDir: string, definition: DefinitionFile): string | undefined {
  return definition.kind !== 'bot' && existsSync(join(projectDir, PACKAGE_ENTRY)) ? PACKAGE_ENTRY : undefined
}

/**
 * Bundles the definition and the entry into `dist/`, as ES modules for Node 20: for a bot the
 * implementation (`src/index.ts`), which `parley start` runs; for a package its `index.ts` (definition
 * and implementation together, as bots add it) when it has one. Dependencies stay imports: the runtime
 * provides `@parley/sdk`, and the project's package.json names the rest.
 */
export async function bundleProject(projectDir: string, definition: DefinitionFile): Promise<string[]> {
  const entryPoints: Record<string, string> = { [definition.fileName.replace(/\.ts$/, '')]: definition.fileName }
  const entry = packageEntry(projectDir, definition) ?? IMPLEMENTATION_ENTRY
  if (existsSync(join(projectDir, entry))) entryPoints.index = entry
  try {
    await build({
      absWorkingDir: projectDir, entryPoints, outdir: BUILD_DIR, bundle: true, platform: 'node', format: 'esm',
      target: 'node20', packages: 'external', sourcemap: true, logLevel: 'silent',
    })
  } catch (error) {
    throw new CliError('BUNDLE_FAILED', `bundling failed:\n${formatMessages((error as BuildFailure).errors ?? [])}`)
  }
  return Object.keys(entryPoints).map((name) => `${BUILD_DIR}/${name}.js`)
}

/** The packages a Parley server provides to deployed code; a deployed bundle holds everything else. */
export const SERVER_PACKAGES = ['@parley/sdk', '@parley/interfaces', '@parley/runtime'] as const

/** A bot as `parley deploy` uploads it: its definition and implementation, each one ES module. */
export interface DeployBundle {
  readonly definition: string
  readonly bundle: string
}

/**
 * Bundles a bot for a Parley server: like `bundleProject`, but with its dependencies inside, so the server
 * needs nothing of the project's `node_modules`. Only the packages the server provides stay imports:
 * the bot must share the runtime's copy of them. `require` is defined for CommonJS packages
 * bundled into the ES modules.
 */
export async function bundleForDeploy(projectDir: string, definition: DefinitionFile): Promise<DeployBundle> {
  try {
    const built = await build({
      absWorkingDir: projectDir, entryPoints: { definition: definition.fileName, bundle: IMPLEMENTATION_ENTRY }, outdir: 'deploy', write: false,
      bundle: true, platform: 'node', format: 'esm', target: 'node20', external: SERVER_PACKAGES.flatMap((name) => [name, `${name}/*`]), logLevel: 'silent',
      banner: { js: "import { createRequire as __parleyCreateRequire } from 'node:module'; const require = __parleyCreateRequire(import.meta.url);" },
    })
    const text = (name: string) => built.outputFiles.find((file) => file.path.endsWith(`${name}.js`))!.text
    return { definition: text('definition'), bundle: text('bundle') }
  } catch (error) {
    throw new CliError('BUNDLE_FAILED', `bundling failed:\n${formatMessages((error as BuildFailure).errors ?? [])}`)
  }
}

function formatMessages(messages: readonly Message[]): string {
  return messages.map((m) => (m.location ? `  ${m.location.file}:${m.location.line}:${m.location.column + 1} - ${m.text}` : `  ${m.text}`)).join('\n')
}
