import { z, type Schema, type ObjectSchema } from '../../schema/zod.js'

/**
 * Duck-typed rather than `instanceof`, so a schema built with another copy of zod in a user's
 * node_modules is still recognised.
 */
export function isZodSchema(value: unknown): value is Schema {
  return typeof value === 'object' && value !== null && '_def' in value && typeof (value as Schema).safeParse === 'function'
}

export function isObjectSchema(value: unknown): value is ObjectSchema {
  return isZodSchema(value) && (value._def as { typeName?: string }).typeName === 'ZodObject'
}

export const zodSchema = z.custom<Schema>(isZodSchema, { message: 'expected a zod schema, such as z.object({ … })' })

export const objectSchema = z.custom<ObjectSchema>(isObjectSchema, {
  message: 'expected a zod object schema: z.object({ … })',
})

export const schemaSource = z.custom<unknown>((value) => isZodSchema(value) || typeof value === 'function', {
  message: 'expected a zod schema, or a function ({ entities }) => schema',
})
