import type { SqlParams } from './params.js'

/**
 * Builds a `WHERE` clause from optional equality conditions: those whose value is `undefined` are left out,
 * so list filters can be passed through as they come.
 */
export function whereClause(params: SqlParams, conditions: Readonly<Record<string, unknown>>, extra: readonly string[] = []): string {
  const parts = Object.entries(conditions)
    .filter(([, value]) => value !== undefined)
    .map(([column, value]) => `${column} = ${params.add(value)}`)
  return `WHERE ${[...parts, ...extra].join(' AND ') || 'TRUE'}`
}
