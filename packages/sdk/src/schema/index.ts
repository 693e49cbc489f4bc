export { z, type Schema, type ObjectSchema, type AnyZodObject } from './zod.js'
export { installZui, type ZuiMetadata } from './zui.js'
export { toTypescriptType } from './typescript-type.js'
export {
  resolveSchema, resolveInterfaceSchema, type SchemaSource, type AnySchemaSource, type SchemaContext, type InterfaceSchemaContext, type EntitySchemas,
} from './schema-source.js'
export { toJsonSchema, schemaFingerprint } from './json-schema.js'
export { ENTITY_NAME, ALIAS, SEPARATOR, prefixed, splitPrefixed } from './names.js'
