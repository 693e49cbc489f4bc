import { z } from '@parley/sdk'
import { anyObject } from './common.js'

/**
 * Filters nest (`$and`, `$or`, `$not`) and name the table's own columns, so their shape is checked where the
 * table is known: by the runtime, which names the column or operator at fault.
 */
export const filter = anyObject.describe('Conditions by column (`{ "name": "x", "score": { "$gte": 3 } }`), combined with $and, $or, $not; operators $eq $ne $gt $gte $lt $lte $in $nin')

const ids = z.array(z.number().int()).describe('Rows with these ids')

export const orderBy = z.array(z.object({ column: z.string().min(1), direction: z.enum(['asc', 'desc']).optional() }))

export const findQuery = z.strictObject({
  filter: filter.optional(),
  orderBy: orderBy.optional(),
  limit: z.number().int().min(1).optional(),
  offset: z.number().int().min(0).optional(),
})

export const rows = z.array(anyObject).min(1)

/** Which rows an update or delete is for: `ids` or `filter` (a delete may say `all: true` instead). */
export const selectionFields = { ids: ids.optional(), filter: filter.optional() }

export type SelectionFields = { readonly ids?: number[]; readonly filter?: Record<string, unknown>; readonly all?: true }

/** Exactly one way of choosing rows, or the request says which field to drop. */
export function oneSelection(allowAll: boolean) {
  const names = allowAll ? ['ids', 'filter', 'all'] as const : ['ids', 'filter'] as const
  return (value: SelectionFields, ctx: z.RefinementCtx) => {
    const given = names.filter((name) => value[name] !== undefined)
    if (given.length === 1) return
    const message = given.length === 0 ? `choose rows with one of ${names.join(', ')}` : `give only one of ${given.join(', ')}`
    ctx.addIssue({ code: 'custom', message, path: given.length === 0 ? [] : [given[1]!] })
  }
}

const aggregate = z.union([
  z.object({ $count: z.literal(true) }).strict(),
  z.object({ $sum: z.string() }).strict(),
  z.object({ $avg: z.string() }).strict(),
  z.object({ $min: z.string() }).strict(),
  z.object({ $max: z.string() }).strict(),
]).describe('One of { $count: true }, { $sum: column }, { $avg: column }, { $min: column }, { $max: column }')

export const aggregateQuery = z.strictObject({
  filter: filter.optional(),
  groupBy: z.array(z.string().min(1)),
  aggregates: z.record(z.string(), aggregate),
})

export const tableParams = z.object({ botId: z.string().min(1), table: z.string().min(1) })
