import { z } from '@parley/sdk'

/** Tags as stored and returned. */
export const tags = z.record(z.string(), z.string()).describe('Tags by name')

/** Tags to write: JSON has no `undefined`, so `null` stands for "remove this tag". */
export const tagsInput = z.record(z.string(), z.string().nullable()).describe('Tags to set by name; null removes a tag')

/** Query parameters are text; these read numbers from it. */
export const limit = z.coerce.number().int().min(1).max(1000).optional().describe('How many items to return (1–1000)')
export const offset = z.coerce.number().int().min(0).optional().describe('How many matching items to skip')

export const pageQuery = { limit, offset }

/** A JSON object of any shape: a payload, an action's input or output, a row. */
export const anyObject = z.record(z.string(), z.unknown())

export const botParams = z.object({ botId: z.string().min(1) })

export const idParams = botParams.extend({ id: z.string().min(1) })
