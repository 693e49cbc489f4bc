/**
 * Query parameters as an object. Repeated names become arrays, and `tags[plan]=pro` (OpenAPI's
 * `deepObject` style) becomes `{ tags: { plan: 'pro' } }`.
 */
export function readQuery(entries: Readonly<Record<string, readonly string[]>>): Record<string, unknown> {
  const query: Record<string, unknown> = {}
  for (const [name, values] of Object.entries(entries)) {
    const value = values.length === 1 ? values[0] : [...values]
    const nested = /^([^[\]]+)\[([^[\]]+)\]$/.exec(name)
    if (nested) setNested(query, nested[1]!, nested[2]!, value)
    else query[name] = value
  }
  return query
}

function setNested(query: Record<string, unknown>, name: string, key: string, value: unknown): void {
  const current = query[name]
  const object = typeof current === 'object' && current !== null && !Array.isArray(current) ? (current as Record<string, unknown>) : {}
  object[key] = value
  query[name] = object
}
