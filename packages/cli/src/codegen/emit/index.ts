import type { TypeModel } from '../resolve/model.js'
import type { CompileCache } from './compile-cache.js'
import { indexModule } from './index-module.js'
import { namespacesModules } from './namespaces-module.js'
import { generatedHeader } from './source-file.js'
import { typesModule } from './types-module.js'

/** A file `parley gen` writes: its path relative to the project (always with `/`), and its text. */
export interface GeneratedFile {
  readonly path: string
  readonly content: string
}

export interface EmitOptions {
  /** Where the module goes, relative to the project: `.parley`, `.parley/packages/analytics`. */
  readonly outDir: string
  /** What the header says the module was generated from. */
  readonly source: string
  /**
   * Whether this is the project's own module (with the implementation class and handler props) rather
   * than an added package's (types only: a package's implementation is its own).
   */
  readonly implementation: boolean
  /** Declarations compiled by earlier runs. */
  readonly cache: CompileCache
}

/** The generated module of one type model: `types.ts` and the `index.ts` projects import. */
export async function emitModule(model: TypeModel, options: EmitOptions): Promise<GeneratedFile[]> {
  const header = generatedHeader(options.source)
  return [
    { path: `${options.outDir}/index.ts`, content: indexModule({ kind: model.kind, implementation: options.implementation }, header) },
    { path: `${options.outDir}/types.ts`, content: await typesModule(model, header, options.cache) },
    ...namespacesModules(model.namespaces, header, options.outDir),
  ]
}
