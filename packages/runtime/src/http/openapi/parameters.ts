import { toJsonSchema, z, type Schema } from '@parley/sdk'
import type { Parameter } from './types.js'

/** `/v1/bots/:botId/users/:id` → `/v1/bots/{botId}/users/{id}`; a pattern (`:path{.+}`) is dropped. */
export function openApiPath(path: string): string {
  return path.replace(/:([A-Za-z0-9_]+)(\{[^}]*\})?/g, '{$1}')
}

/** One parameter per field of the path or query schema (both are zod objects). */
export function parametersOf(schema: Schema | undefined, location: 'path' | 'query'): Parameter[] {
  if (!(schema instanceof z.ZodObject)) return []
  return Object.entries(schema.shape as Record<string, Schema>).map(([name, field]) => parameter(name, field, location))
}

function parameter(name: string, field: Schema, location: 'path' | 'query'): Parameter {
  const schema = toJsonSchema(field)
  const base = { name, in: location, required: location === 'path' || !field.isOptional(), schema, ...describe(field) }
  // Objects in a query (`tags`) are written `tags[plan]=pro`.
  return isObject(schema) ? { ...base, style: 'deepObject', explode: true } : base
}

function describe(field: Schema): { description?: string } {
  return field.description === undefined ? {} : { description: field.description }
}

function isObject(schema: ReturnType<typeof toJsonSchema>): boolean {
  const type = schema.type
  return type === 'object' || (Array.isArray(type) && type.includes('object'))
}
