import type { Tags } from '@parley/sdk'
import type { Tags as StoredTags } from '../../storage/index.js'

/** Tags as storage keeps them: only string values (a tag set to `undefined` is left out). */
export function storedTags(tags: Tags | undefined): StoredTags | undefined {
  if (tags === undefined) return undefined
  return Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}
