import { extendApi } from '@anatine/zod-openapi'
import { z } from '@parley/sdk'
import { isContainer, LIMITS, RESERVED_NAMES } from '../../guards/index.js'

/** An id a caller chose or names: a user, a conversation, a state's owner, anything in a path. */
export const id = z.string().min(1).max(LIMITS.idLength)

/** A name the bot's definition resolves: a state, table, type, channel, workflow or action. */
export const name = z.string().min(1).max(LIMITS.nameLength).refine((value) => !RESERVED_NAMES.has(value), (value) => ({ message: `"${value}" is a reserved name; choose another` }))

/** A number of milliseconds from now: a delay, an expiry, a timeout. */
export const duration = z.number().int().positive().max(LIMITS.durationMs)

/**
 * A JSON object of any shape: a payload, an action's input or output, a row, a filter. It is passed on as
 * it came, unlike `z.record`, which would drop a `__proto__` key: inside data such keys are plain data
 * (the request was parsed with `JSON.parse`, which makes them own properties that reach no prototype).
 */
export const anyObject = extendApi(
  z.custom<Record<string, unknown>>((value) => isContainer(value) && !Array.isArray(value), { message: 'Expected an object' }),
  { type: 'object', additionalProperties: {} },
)

/** Tags as stored and returned. */
export const tags = z.record(z.string(), z.string()).describe('Tags by name')

const tagName = name.describe('A tag name')

/** Tags to write: JSON has no `undefined`, so `null` stands for "remove this tag". */
export const tagsInput = z
  .record(tagName, z.string().max(LIMITS.tagValueLength).nullable())
  .refine((value) => Object.keys(value).length <= LIMITS.tags, { message: `at most ${LIMITS.tags} tags per call` })
  .describe('Tags to set by name; null removes a tag')

/** Tags to match, from a query string (`tags[plan]=pro`). */
export const tagsQuery = z.record(tagName, z.string().max(LIMITS.tagValueLength)).describe('Only records with all these tags')

/** Query parameters are text; these read numbers from it. */
export const limit = z.coerce.number().int().min(1).max(LIMITS.pageSize).optional().describe(`How many items to return (1–${LIMITS.pageSize})`)
export const offset = z.coerce.number().int().min(0).max(LIMITS.offset).optional().describe('How many matching items to skip')

export const pageQuery = { limit, offset }

export const botParams = z.object({ botId: id })

export const idParams = botParams.extend({ id })
