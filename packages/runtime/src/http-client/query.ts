import type { Tags } from '@parley/sdk'

/** What list calls take: page numbers, filters, lists (the name repeated) and tags (written `tags[name]=value`). */
export type QueryValues = Readonly<Record<string, string | number | readonly string[] | Tags | undefined>>

export function toSearchParams(values: QueryValues = {}): URLSearchParams {
  const params = new URLSearchParams()
  for (const [name, value] of Object.entries(values)) {
    if (Array.isArray(value)) for (const item of value as readonly string[]) append(params, name, item)
    else if (typeof value === 'object') for (const [tag, tagValue] of Object.entries(value)) append(params, `${name}[${tag}]`, tagValue)
    else append(params, name, value)
  }
  return params
}

function append(params: URLSearchParams, name: string, value: string | number | undefined): void {
  if (value !== undefined) params.append(name, String(value))
}
