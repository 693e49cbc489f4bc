import type { Tags } from '@parley/sdk'

/** Request tags (`null` removes a tag) as the client API takes them (`undefined` removes it). */
export function toTags(input: Readonly<Record<string, string | null>> | undefined): Tags | undefined {
  if (input === undefined) return undefined
  return Object.fromEntries(Object.entries(input).map(([name, value]) => [name, value ?? undefined]))
}
