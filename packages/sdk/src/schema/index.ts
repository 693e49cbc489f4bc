export { z, type Schema, type ObjectSchema } from './zod.js'
export { resolveSchema, type SchemaSource, type AnySchemaSource, type SchemaContext, type EntitySchemas } from './schema-source.js'
export { toJsonSchema, schemaFingerprint } from './json-schema.js'
export { ENTITY_NAME, ALIAS, SEPARATOR, prefixed, splitPrefixed } from './names.js'
