import type { SqlParams } from '../sql/params.js'

/** Labels on users, conversations and messages: names to string values, as declared in definitions. */
export type Tags = Readonly<Record<string, string>>

/** Records whose tags include every given tag; absent or empty tags match everything. */
export function tagsCondition(params: SqlParams, tags: Tags | undefined): string[] {
  return tags && Object.keys(tags).length > 0 ? [`tags @> ${params.json(tags)}`] : []
}

/** SQL for the tags after an update: given tags are added or replaced, the others stay. */
export function mergedTags(params: SqlParams, tags: Tags | undefined): string {
  return `tags || ${params.json(tags ?? {})}`
}

/**
 * `tags` without those set to `''`: such a tag is removed, as Botpress removes it. The tables drop them
 * on every write (migration 22); a turn's own records drop them here, so the turn reads what it will store.
 */
export function withoutEmptyTags(tags: Tags): Tags {
  return Object.values(tags).includes('') ? Object.fromEntries(Object.entries(tags).filter(([, value]) => value !== '')) : tags
}
