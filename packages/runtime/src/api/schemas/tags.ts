import type { Tags } from '@parley/sdk'

// Tags set to `undefined` are removed; JSON has no `undefined`, so they travel as `null`.

/** Request tags as they travel. */
export function tagsToWire(tags: Tags | undefined): Record<string, string | null> | undefined {
  return tags && Object.fromEntries(Object.entries(tags).map(([name, value]) => [name, value ?? null]))
}

/** Request tags as the client API takes them. */
export function tagsFromWire(input: Readonly<Record<string, string | null>> | undefined): Tags | undefined {
  return input && Object.fromEntries(Object.entries(input).map(([name, value]) => [name, value ?? undefined]))
}
