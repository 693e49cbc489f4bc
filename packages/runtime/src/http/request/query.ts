import { dictionary, RESERVED_NAMES } from '../../guards/index.js'
import type { RequestIssue } from '../errors/http-errors.js'

export interface QueryRead {
  readonly values: Record<string, unknown>
  readonly issues: RequestIssue[]
}

/** `name`, then any `[key]` parts: `tags[plan]`, or `a[b][c]` (which no parameter takes). */
const KEY = /^([^[\]]*)((?:\[[^[\]]*\])*)$/

/**
 * Query parameters as an object. Repeated names become arrays, and `tags[plan]=pro` (OpenAPI's
 * `deepObject` style) becomes `{ tags: { plan: 'pro' } }`. The objects have no prototype, so no name in a
 * query can reach `Object.prototype`; `__proto__`, `constructor` and `prototype` are refused as names all
 * the same, since no parameter is called that.
 */
export function readQuery(url: string): QueryRead {
  const values = dictionary<unknown>()
  const issues: RequestIssue[] = []
  for (const [key, value] of new URL(url).searchParams) {
    const [name, ...inner] = partsOf(key)
    const reserved = [name, ...inner].find((part) => RESERVED_NAMES.has(part))
    if (reserved !== undefined) issues.push({ path: `query.${key}`, message: `"${reserved}" is a reserved name, not a parameter` })
    else if (inner.length === 1) values[name] = withEntry(values[name], inner[0]!, value)
    else values[key] = appended(values[key], value)
  }
  return { values, issues }
}

function partsOf(key: string): [string, ...string[]] {
  const match = KEY.exec(key)
  if (!match) return [key]
  return [match[1]!, ...[...match[2]!.matchAll(/\[([^[\]]*)\]/g)].map((part) => part[1]!)]
}

function appended(current: unknown, value: string): unknown {
  if (current === undefined) return value
  return Array.isArray(current) ? [...current, value] : typeof current === 'string' ? [current, value] : value
}

function withEntry(current: unknown, key: string, value: string): Record<string, unknown> {
  const object = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : dictionary<unknown>()
  object[key] = appended(object[key], value)
  return object
}
