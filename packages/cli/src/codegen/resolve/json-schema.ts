import { toJsonSchema, type Schema } from '@parley/sdk'
import type { SchemaObject } from 'openapi3-ts/oas31'

/**
 * `input`: what code writes (a field with a default may be left out). `output`: what code reads after
 * validation (defaults applied, so such a field is always there), as with configuration.
 */
export type SchemaMode = 'input' | 'output'

/**
 * The JSON Schema a payload type is compiled from. Nested titles are dropped so every payload is one
 * named type with its structure inline, rather than a scatter of names no one chose.
 */
export function payloadSchema(schema: Schema, mode: SchemaMode): SchemaObject {
  return normalize(toJsonSchema(schema), mode)
}

function normalize(schema: SchemaObject, mode: SchemaMode): SchemaObject {
  const { title: _title, ...rest } = schema
  const out: SchemaObject = { ...rest }
  if (rest.properties) out.properties = mapRecord(rest.properties as Record<string, SchemaObject>, (s) => normalize(s, mode))
  if (isSchema(rest.items)) out.items = normalize(rest.items, mode)
  if (isSchema(rest.additionalProperties)) out.additionalProperties = normalize(rest.additionalProperties, mode)
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (rest[key]) out[key] = (rest[key] as SchemaObject[]).map((s) => normalize(s, mode))
  }
  if (mode === 'output' && rest.properties) out.required = withDefaultsRequired(rest)
  return out
}

/** After validation a defaulted field always has a value. */
function withDefaultsRequired(schema: SchemaObject): string[] {
  const defaulted = Object.entries(schema.properties ?? {}).filter(([, s]) => isSchema(s) && s.default !== undefined).map(([k]) => k)
  const required = new Set([...(schema.required ?? []), ...defaulted])
  return Object.keys(schema.properties ?? {}).filter((key) => required.has(key))
}

/** Whether values of this schema are always objects, as every payload must be. */
export function isObjectSchema(schema: SchemaObject): boolean {
  const types = Array.isArray(schema.type) ? schema.type : [schema.type]
  if (types.includes('object')) return true
  const some = (list: unknown) => Array.isArray(list) && list.length > 0
  if (some(schema.anyOf)) return (schema.anyOf as SchemaObject[]).every(isObjectSchema)
  if (some(schema.oneOf)) return (schema.oneOf as SchemaObject[]).every(isObjectSchema)
  if (some(schema.allOf)) return (schema.allOf as SchemaObject[]).some(isObjectSchema)
  return false
}

function isSchema(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !('$ref' in value)
}

function mapRecord<T, U>(record: Record<string, T>, fn: (value: T) => U): Record<string, U> {
  return Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]))
}
