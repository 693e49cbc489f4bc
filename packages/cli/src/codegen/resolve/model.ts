import type { SchemaObject } from 'openapi3-ts/oas31'
import type { DefinitionKind } from '../load/definition-files.js'
import type { NamespaceEntry } from './namespaces.js'

/**
 * The type model: everything generated code declares, as plain data. Names are written as the code
 * being generated writes them (a plugin's own names bare, a bot's plugin names as `alias:name`), and
 * every payload is a named type compiled from its JSON Schema.
 */
export interface TypeModel {
  readonly kind: DefinitionKind
  /** The definition's `name` (a bot has none: `bot`). */
  readonly name: string
  /** Payload types, each compiled from its schema to an interface of this name. */
  readonly schemas: readonly NamedSchema[]
  /** Object types over the payload types: `Actions`, `States`, … */
  readonly records: readonly RecordType[]
  /** The same types again in Botpress's lowercase namespaces: `states.hitl.Hitl`, … */
  readonly namespaces: readonly NamespaceEntry[]
}

export interface NamedSchema {
  readonly typeName: string
  readonly schema: SchemaObject
}

/** An exported object type, `export type Actions = { … }`. */
export interface RecordType {
  readonly name: string
  readonly doc: string
  readonly fields: readonly Field[]
}

export interface Field {
  readonly key: string
  readonly type: TypeExpr
  readonly doc?: string
  readonly optional?: boolean
  /** The key is a prefix: the field covers every key starting with it (a template index signature). */
  readonly pattern?: boolean
}

/**
 * A type as written in generated code. Kept to a few shapes so every generated type stays shallow: a
 * name used under several keys (`trackEvent` and `analytics:trackEvent`) repeats the same payload types.
 */
export type TypeExpr =
  /** A payload type or record: `TrackEventInput`. */
  | { readonly kind: 'named'; readonly name: string }
  | { readonly kind: 'object'; readonly fields: readonly Field[] }
  | { readonly kind: 'union'; readonly members: readonly TypeExpr[] }
  /** A literal type or keyword: `'user'`, `string`. */
  | { readonly kind: 'text'; readonly text: string }

export const named = (name: string): TypeExpr => ({ kind: 'named', name })
export const object = (fields: readonly Field[]): TypeExpr => ({ kind: 'object', fields })
export const text = (value: string): TypeExpr => ({ kind: 'text', text: value })
export const literal = (value: string): TypeExpr => text(`'${value}'`)
export const union = (members: readonly TypeExpr[]): TypeExpr => (members.length === 1 ? members[0]! : { kind: 'union', members })
