import { generateSchema } from '@anatine/zod-openapi'
import type { SchemaObject } from 'openapi3-ts/oas31'
import { z, type Schema } from './zod.js'

/** The JSON Schema (OpenAPI 3.1 flavour) of a zod schema: the one conversion codegen and the API share. */
export function toJsonSchema(schema: Schema): SchemaObject {
  return nullableUnions(generateSchema(schema, false, '3.1') as SchemaObject)
}

/**
 * @anatine/zod-openapi writes a nullable union as `{ oneOf: [a, b], type: ['null'] }`, which reads as
 * "null and (a or b)"; this writes it `{ anyOf: [a, b, { type: ['null'] }] }`, as meant.
 */
function nullableUnions(schema: SchemaObject): SchemaObject {
  const out: Record<string, unknown> = { ...schema }
  const properties = schema.properties as Record<string, SchemaObject> | undefined
  if (properties) out.properties = Object.fromEntries(Object.entries(properties).map(([name, child]) => [name, nullableUnions(child)]))
  for (const key of ['items', 'additionalProperties', 'not'] as const) {
    const child = schema[key]
    if (typeof child === 'object' && child !== null && !Array.isArray(child)) out[key] = nullableUnions(child as SchemaObject)
  }
  for (const key of ['anyOf', 'oneOf', 'allOf'] as const) {
    if (schema[key]) out[key] = (schema[key] as SchemaObject[]).map(nullableUnions)
  }
  const union = (out.oneOf ?? out.anyOf) as SchemaObject[] | undefined
  const onlyNull = Array.isArray(schema.type) && schema.type.length === 1 && schema.type[0] === 'null'
  if (!union || !onlyNull) return out as SchemaObject
  const { oneOf: _oneOf, anyOf: _anyOf, type: _type, ...rest } = out
  return { ...rest, anyOf: [...union, { type: ['null'] }] } as SchemaObject
}

Object.defineProperty(z.ZodType.prototype, 'toJSONSchema', {
  value(this: Schema) { return toJsonSchema(this) },
  configurable: true,
  writable: true,
})

/**
 * A stable text for a schema, so that two sources declaring "the same" table or workflow can be told
 * apart from two declaring different ones, even when they are different zod instances.
 */
export function schemaFingerprint(schema: Schema): string {
  return JSON.stringify(toJsonSchema(schema))
}
