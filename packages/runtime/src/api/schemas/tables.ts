import { z } from '@parley/sdk'
import { LIMITS } from '../../guards/index.js'
import { anyObject, id, name } from './common.js'

/**
 * Filters nest (`$and`, `$or`, `$not`) and name the table's own columns, so their shape is checked where the
 * table is known: by the runtime, which names the column or operator at fault and bounds their size.
 */
export const filter = anyObject.describe(`Conditions by column (\`{ "name": "x", "score": { "$gte": 3 } }\`), combined with $and, $or, $not; operators $eq $ne $gt $gte $lt $lte $in $nin; at most ${LIMITS.filterValues} values, nested at most ${LIMITS.filterDepth} deep`)

const rowId = z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)

const ids = z.array(rowId).max(LIMITS.ids).describe(`Rows with these ids (at most ${LIMITS.ids})`)

export const orderBy = z.array(z.object({ column: name, direction: z.enum(['asc', 'desc']).optional() })).max(LIMITS.orderBy)

export const findQuery = z.strictObject({
  filter: filter.optional(),
  orderBy: orderBy.optional(),
  limit: z.number().int().min(1).max(LIMITS.pageSize).optional(),
  offset: z.number().int().min(0).max(LIMITS.offset).optional(),
})

export const rows = z.array(anyObject).min(1).max(LIMITS.rows)

/** Which rows an update or delete is for: `ids` or `filter` (a delete may say `all: true` instead). */
export const selectionFields = { ids: ids.optional(), filter: filter.optional() }

export type SelectionFields = { readonly ids?: number[]; readonly filter?: Record<string, unknown>; readonly all?: true }

/** Exactly one way of choosing rows, or the request says which field to drop. */
export function oneSelection(allowAll: boolean) {
  const names = allowAll ? ['ids', 'filter', 'all'] as const : ['ids', 'filter'] as const
  return (value: SelectionFields, ctx: z.RefinementCtx) => {
    const given = names.filter((field) => value[field] !== undefined)
    if (given.length === 1) return
    const message = given.length === 0 ? `choose rows with one of ${names.join(', ')}` : `give only one of ${given.join(', ')}`
    ctx.addIssue({ code: 'custom', message, path: given.length === 0 ? [] : [given[1]!] })
  }
}

const aggregate = z.union([
  z.object({ $count: z.literal(true) }).strict(),
  z.object({ $sum: name }).strict(),
  z.object({ $avg: name }).strict(),
  z.object({ $min: name }).strict(),
  z.object({ $max: name }).strict(),
]).describe('One of { $count: true }, { $sum: column }, { $avg: column }, { $min: column }, { $max: column }')

export const aggregateQuery = z.strictObject({
  filter: filter.optional(),
  groupBy: z.array(name).max(LIMITS.groupBy),
  aggregates: z.record(name, aggregate).refine((value) => Object.keys(value).length <= LIMITS.aggregates, { message: `at most ${LIMITS.aggregates} aggregates per call` }),
})

export const tableParams = z.object({ botId: id, table: name })
