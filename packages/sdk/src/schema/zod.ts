import { z } from 'zod'
import { installZui } from './zui.js'

installZui(z)

export { z }

/** Any zod schema. Kept as one alias so the rest of the SDK never spells out zod's generics. */
export type Schema = z.ZodTypeAny

/** A zod object schema, the shape every state, event payload, table row and configuration must have. */
export type ObjectSchema = z.AnyZodObject

/** Botpress code imports zod's object type under this name. */
export type AnyZodObject = z.AnyZodObject
