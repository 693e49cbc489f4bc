import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { build, type BuildFailure, type Message } from 'esbuild'
import { CliError } from '../errors/cli-error.js'
import type { DefinitionFile } from '../codegen/load/definition-files.js'

export const BUILD_DIR = 'dist'
const IMPLEMENTATION_ENTRY = 'src/index.ts'

/**
 * Bundles the implementation (`src/index.ts`) and the definition into `dist/`, as ES modules for Node
 * 20. Dependencies stay imports: the runtime provides `@parley/sdk`, and the project's package.json
 * names the rest.
 */
export async function bundleProject(projectDir: string, definition: DefinitionFile): Promise<string[]> {
  const entryPoints: Record<string, string> = { [definition.fileName.replace(/\.ts$/, '')]: definition.fileName }
  if (existsSync(join(projectDir, IMPLEMENTATION_ENTRY))) entryPoints.index = IMPLEMENTATION_ENTRY
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

function formatMessages(messages: readonly Message[]): string {
  return messages.map((m) => (m.location ? `  ${m.location.file}:${m.location.line}:${m.location.column + 1} - ${m.text}` : `  ${m.text}`)).join('\n')
}
