/** `key=value, key=value` as the tags the search route takes, or what is wrong with it. */
export function tagsFilter(text: string | undefined): Record<string, string> | undefined | Error {
  if (!text) return undefined
  const tags: Record<string, string> = Object.create(null) as Record<string, string>
  for (const pair of text.split(',')) {
    const [key = '', ...value] = pair.split('=')
    if (!key.trim() || value.length === 0) return new Error(`Tags: “${pair.trim()}” is not key=value; write tags as key=value, separated by commas.`)
    tags[key.trim()] = value.join('=').trim()
  }
  return tags
}
