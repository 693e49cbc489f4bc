import { LIMITS, RESERVED_NAMES } from '../../guards/index.js'

/** The parts of a table call whose size is bounded; every query type of the store has some of them. */
export interface SizedCall {
  readonly rows?: readonly unknown[]
  readonly ids?: readonly unknown[]
  readonly orderBy?: unknown
  readonly groupBy?: readonly unknown[]
  readonly aggregates?: object
}

/**
 * Why a table call is too large, or `undefined` when it fits {@link LIMITS}: rows per write, ids per
 * selection, ordering and grouping columns, aggregates (whose names become keys of result rows, so they
 * may not be reserved ones). Filters are measured where they are compiled.
 */
export function callSizeProblem(call: SizedCall): string | undefined {
  const counts = [
    ['rows', size(call.rows), LIMITS.rows],
    ['ids', size(call.ids), LIMITS.ids],
    ['orderBy columns', size(call.orderBy), LIMITS.orderBy],
    ['groupBy columns', size(call.groupBy), LIMITS.groupBy],
    ['aggregates', size(call.aggregates), LIMITS.aggregates],
  ] as const
  const over = counts.find(([, count, limit]) => count > limit)
  if (over) return `${over[1]} ${over[0]} in one call; at most ${over[2]} are allowed, so split the call`
  const reserved = Object.keys(call.aggregates ?? {}).find((name) => RESERVED_NAMES.has(name))
  return reserved === undefined ? undefined : `aggregate "${reserved}": the name is reserved; choose another`
}

/** Items of a list, entries of an object; a single item counts one. */
function size(value: unknown): number {
  if (Array.isArray(value)) return value.length
  if (typeof value === 'object' && value !== null) return Object.keys(value).length
  return value === undefined ? 0 : 1
}
