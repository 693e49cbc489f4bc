import { generateSchema } from '@anatine/zod-openapi'
import type { SchemaObject } from 'openapi3-ts/oas31'
import { z, type Schema } from './zod.js'

/** The JSON Schema (OpenAPI 3.1 flavour) of a zod schema: the one conversion codegen and the API share. */
export function toJsonSchema(schema: Schema): SchemaObject {
  return generateSchema(schema, false, '3.1') as SchemaObject
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
