/** Entity names become property names in generated code, so they are plain identifiers. */
export const ENTITY_NAME = /^[a-zA-Z][a-zA-Z0-9_]*$/

/** Aliases prefix entity names (`alias:name`) and may use dashes, as npm package names do. */
export const ALIAS = /^[a-zA-Z][a-zA-Z0-9_-]*$/

/** Between a plugin's or integration's alias and the name of one of its entities. */
export const SEPARATOR = ':'

/** `analytics` + `trackEvent` → `analytics:trackEvent`. */
export function prefixed(alias: string, name: string): string {
  return `${alias}${SEPARATOR}${name}`
}

/** `analytics:trackEvent` → `{ alias: 'analytics', name: 'trackEvent' }`; an unprefixed name has no alias. */
export function splitPrefixed(full: string): { alias: string | undefined; name: string } {
  const at = full.indexOf(SEPARATOR)
  return at < 0 ? { alias: undefined, name: full } : { alias: full.slice(0, at), name: full.slice(at + 1) }
}
