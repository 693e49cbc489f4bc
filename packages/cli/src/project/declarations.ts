import { join } from 'node:path'
import { Project } from 'ts-morph'
import { BUILD_DIR } from './bundle.js'

/**
 * Writes `.d.ts` files into `dist/` for a package's entry files and every local file they import (the
 * generated `.parley/` included), laid out as the sources are, so `dist/index.d.ts` types what
 * `dist/index.js` exports. Bots are not imported by anyone and get none.
 */
export async function emitDeclarations(projectDir: string, entries: readonly string[]): Promise<string[]> {
  const project = new Project({
    tsConfigFilePath: join(projectDir, 'tsconfig.json'),
    skipAddingFilesFromTsConfig: true,
    compilerOptions: { noEmit: false, declaration: true, emitDeclarationOnly: true, rootDir: projectDir, outDir: join(projectDir, BUILD_DIR) },
  })
  for (const entry of entries) project.addSourceFileAtPath(join(projectDir, entry))
  project.resolveSourceFileDependencies()
  const result = await project.emit({ emitOnlyDtsFiles: true })
  return result.getEmitSkipped() ? [] : entries.map((entry) => `${BUILD_DIR}/${entry.replace(/\.ts$/, '.d.ts')}`)
}
