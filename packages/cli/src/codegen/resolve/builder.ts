import type { Schema } from '@parley/sdk'
import type { SchemaObject } from 'openapi3-ts/oas31'
import { CliError } from '../../errors/cli-error.js'
import type { DefinitionKind } from '../load/definition-files.js'
import { isObjectSchema, payloadSchema, type SchemaMode } from './json-schema.js'
import { named, type Field, type NamedSchema, type RecordType, type TypeExpr, type TypeModel } from './model.js'
import { createNamer } from './type-names.js'
import type { NamespaceEntry } from './namespaces.js'

/** Where in a definition a schema sits, for error messages: `plugin "analytics"`, `actions.track.input`. */
export interface Where {
  readonly definition: string
  readonly entity: string
}

/**
 * Collects a model's payload types and records in the order a resolver adds them, which is the order
 * they are generated in.
 */
export interface ModelBuilder {
  /** Adds a payload type named from `nameParts` and returns a reference to it. */
  payload(nameParts: readonly string[], schema: Schema, where: Where, mode?: SchemaMode, adjust?: (json: SchemaObject) => SchemaObject): TypeExpr
  /**
   * A payload as code writes it and as code reads it once validated (defaults applied): one type when
   * the two agree, else the read one named with `Parsed` after the written one's name.
   */
  payloads(nameParts: readonly string[], schema: Schema, where: Where): { written: TypeExpr; parsed: TypeExpr }
  record(name: string, doc: string, fields: readonly Field[]): TypeExpr
  /** Adds types to the lowercase namespaces. */
  namespace(entries: readonly NamespaceEntry[]): void
  build(kind: DefinitionKind, name: string): TypeModel
}

export function createModelBuilder(): ModelBuilder {
  const nameOf = createNamer()
  const schemas: NamedSchema[] = []
  const records: RecordType[] = []
  const namespaces: NamespaceEntry[] = []
  return {
    payload(nameParts, schema, where, mode = 'input', adjust = (json) => json) {
      const json = adjust(payloadSchema(schema, mode))
      if (!isObjectSchema(json)) throw notAnObject(where)
      const typeName = nameOf(nameParts)
      schemas.push({ typeName, schema: json })
      return named(typeName)
    },
    payloads(nameParts, schema, where) {
      const written = this.payload(nameParts, schema, where, 'input')
      if (JSON.stringify(payloadSchema(schema, 'input')) === JSON.stringify(payloadSchema(schema, 'output'))) return { written, parsed: written }
      return { written, parsed: this.payload([...nameParts, 'Parsed'], schema, where, 'output') }
    },
    record(name, doc, fields) {
      records.push({ name, doc, fields })
      return named(name)
    },
    namespace(entries) {
      namespaces.push(...entries)
    },
    build: (kind, name) => ({ kind, name, schemas, records, namespaces }),
  }
}

function notAnObject(where: Where): CliError {
  return new CliError(
    'SCHEMA_NOT_OBJECT',
    `${where.definition}, ${where.entity}: the schema must describe an object (z.object({ … }), a record, or a union of objects), because handlers receive it as named fields; wrap a single value, e.g. z.object({ value: … })`,
  )
}
