import { LIMITS } from './limits.js'

const COMBINATORS = new Set(['$and', '$or', '$not'])

/**
 * Why a table filter is too large to compile, or `undefined` when it fits {@link LIMITS}: nesting of
 * `$and`/`$or`/`$not` beyond `filterDepth`, or more than `filterValues` values and conditions in all (each
 * becomes a query parameter, and the embedded database fails on tens of thousands of them). It walks
 * without recursing, so a filter nested thousands deep is refused before anything recurses into it. The
 * filter's shape (objects, arrays, operators, columns) is left for the compiler to check and name.
 */
export function filterProblem(filter: unknown): string | undefined {
  const pending: { readonly node: unknown; readonly depth: number }[] = [{ node: filter, depth: 0 }]
  let terms = 0
  while (pending.length > 0) {
    const { node, depth } = pending.pop()!
    if (depth > LIMITS.filterDepth) return `$and, $or and $not nest more than ${LIMITS.filterDepth} deep; flatten the filter`
    if (typeof node !== 'object' || node === null) continue
    for (const [key, value] of Object.entries(node)) {
      const children = COMBINATORS.has(key) ? (key === '$not' ? [value] : Array.isArray(value) ? value : []) : []
      for (const child of children) pending.push({ node: child, depth: depth + 1 })
      terms += COMBINATORS.has(key) ? children.length : valueCount(value)
      if (terms > LIMITS.filterValues) return `the filter holds more than ${LIMITS.filterValues} values and conditions; split the query, or find fewer rows at a time`
    }
  }
  return undefined
}

/** `{ $in: [1, 2, 3] }` is three values, `{ $gte: 1, $lt: 5 }` two, a plain value one. */
function valueCount(condition: unknown): number {
  if (typeof condition !== 'object' || condition === null || Array.isArray(condition)) return 1
  const lists = Object.entries(condition).map(([operator, value]) => (operator.startsWith('$') && Array.isArray(value) ? value.length : 1))
  return Math.max(1, lists.reduce((sum, count) => sum + count, 0))
}
