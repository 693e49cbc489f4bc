import { findPackageDefinition, readParleyDependencies } from '../project/dependencies.js'
import { openCompileCache } from './emit/compile-cache.js'
import { emitModule, type GeneratedFile } from './emit/index.js'
import { GENERATED_DIR, packageModuleDir } from './layout.js'
import { findDefinitionFile } from './load/definition-files.js'
import { importDefinition } from './load/import-definition.js'
import { resolveTypeModel } from './resolve/index.js'

export { GENERATED_DIR }

/**
 * The generated files of the project in `dir`: load its definition, resolve it to a type model, and
 * emit the module, then the same for each package in its `parleyDependencies`. Writes nothing.
 */
export async function generateProject(dir: string): Promise<GeneratedFile[]> {
  const file = findDefinitionFile(dir)
  const definition = await importDefinition(file)
  const cache = openCompileCache(dir)
  const own = await emitModule(resolveTypeModel(definition), {
    outDir: GENERATED_DIR,
    source: file.fileName,
    implementation: true,
    cache,
  })
  const packages = await Promise.all(readParleyDependencies(dir).map(async (dependency) => {
    const loaded = await importDefinition(findPackageDefinition(dir, dependency))
    return emitModule(resolveTypeModel(loaded), { outDir: packageModuleDir(dependency.alias), source: dependency.spec, implementation: false, cache })
  }))
  cache.save()
  return [...own, ...packages.flat()]
}

export type { GeneratedFile }
