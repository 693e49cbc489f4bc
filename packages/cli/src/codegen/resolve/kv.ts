import type { KeyValueDefinition } from '@parley/sdk'
import type { SchemaObject } from 'openapi3-ts/oas31'
import type { ModelBuilder, Where } from './builder.js'
import type { Field } from './model.js'

/**
 * A plugin's declared key-value values, one field per key. A key ending in `*` is a prefix: its field is
 * a template index signature (`` [key: `conversations:${string}`] ``) covering every key it starts.
 * The store gives back the `Date`s it was given, so dates are typed `Date`, not as JSON's strings.
 */
export function keyValueFields(b: ModelBuilder, kv: Readonly<Record<string, KeyValueDefinition>>, at: (entity: string) => Where): Field[] {
  return Object.entries(kv).map(([key, value]) => {
    const pattern = key.endsWith('*')
    const type = b.payload(['Kv', pattern ? `${key.slice(0, -1)} Any` : key, 'Value'], value.schema, at(`kv.${key}`), 'input', (json) => withDates(value.schema, json))
    return { key: pattern ? key.slice(0, -1) : key, type, ...(pattern ? { pattern: true } : {}), ...(value.description ? { doc: value.description } : {}) }
  })
}

/** zod's definition of a schema, as far as dates inside objects, arrays and optional fields are concerned. */
interface ZodDef {
  readonly typeName?: string
  readonly innerType?: unknown
  readonly type?: unknown
  readonly shape?: () => Record<string, unknown>
}

/** Marks each `z.date()` of `schema` with json-schema-to-typescript's `tsType`, walking the two trees together. */
function withDates(schema: unknown, json: SchemaObject): SchemaObject {
  const def = (schema as { _def?: ZodDef } | undefined)?._def
  switch (def?.typeName) {
    case 'ZodDate': return { ...json, tsType: 'Date' } as SchemaObject
    case 'ZodOptional':
    case 'ZodDefault': return withDates(def.innerType, json)
    case 'ZodNullable': return nullable(withDates(def.innerType, json))
    case 'ZodArray': return isSchema(json.items) ? { ...json, items: withDates(def.type, json.items) } : json
    case 'ZodObject': return { ...json, properties: withDatesIn(def.shape?.() ?? {}, json.properties ?? {}) }
    default: return json
  }
}

function withDatesIn(shape: Record<string, unknown>, properties: Record<string, unknown>): Record<string, SchemaObject> {
  return Object.fromEntries(Object.entries(properties).map(([key, json]) => [key, isSchema(json) && Object.hasOwn(shape, key) ? withDates(shape[key], json) : json])) as Record<string, SchemaObject>
}

function nullable(json: SchemaObject): SchemaObject {
  const tsType = (json as { tsType?: string }).tsType
  return tsType ? ({ ...json, tsType: `${tsType} | null` } as SchemaObject) : json
}

function isSchema(value: unknown): value is SchemaObject {
  return typeof value === 'object' && value !== null && !('$ref' in value)
}
