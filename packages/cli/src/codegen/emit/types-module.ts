import type { RecordType, TypeModel } from '../resolve/model.js'
import type { CompileCache } from './compile-cache.js'
import { compileSchemas } from './compile-schemas.js'
import { docComment, printObject } from './print-type.js'
import { printModule } from './source-file.js'

/** `types.ts`: every payload type compiled from its schema, then the records and `Types` over them. */
export async function typesModule(model: TypeModel, header: string, cache: CompileCache): Promise<string> {
  const declarations = await compileSchemas(model.schemas, cache)
  return printModule([...declarations, ...model.records.map(recordStatement)], header)
}

/**
 * A record, printed as text rather than as a ts-morph type alias: ts-morph indents every line after
 * the first of an alias's type once more, which would misalign the braces of a multi-line object.
 */
function recordStatement(record: RecordType): string {
  return `${docComment(record.doc, '')}export type ${record.name} = ${printObject(record.fields)}`
}
