import semver from 'semver'

/** Anything carrying a version: a definition or a package. */
export interface Versioned {
  readonly version: string
}

/**
 * Ranges of versions a plugin accepts for an interface or integration it depends on, used in place of
 * the package itself: `interfaces: { llm: version.allWithinMajorOf(llm) }` accepts every 1.x.y of an
 * `llm` at 1.4.0. The result is the package with its `version` replaced by the range, so it is still the
 * package everywhere one is expected.
 */
export function allWithinMajorOf<T extends Versioned>(pkg: T): T & { readonly version: string } {
  const { major } = parse(pkg)
  return { ...pkg, version: `>=${major}.0.0 <${major + 1}.0.0` }
}

/** Every patch of the package's minor version: 1.4.x for 1.4.2. */
export function allWithinMinorOf<T extends Versioned>(pkg: T): T & { readonly version: string } {
  const { major, minor } = parse(pkg)
  return { ...pkg, version: `>=${major}.${minor}.0 <${major}.${minor + 1}.0` }
}

/** Every minor and patch of the package's major version (the same as {@link allWithinMajorOf}). */
export const minorsOf = allWithinMajorOf

/** Every patch of the package's minor version (the same as {@link allWithinMinorOf}). */
export const patchesOf = allWithinMinorOf

/** Botpress's names for the same ranges: `version.allWithinPkgMajor(listable)`. */
export const allWithinPkgMajor = allWithinMajorOf
export const allWithinPkgMinor = allWithinMinorOf

/** Whether `version` is within `range` (npm's semantics, as the `semver` package implements them). */
export function satisfies(version: string, range: string): boolean {
  return semver.satisfies(version, range)
}

/** Whether a text is a range npm understands. */
export function isRange(range: string): boolean {
  return semver.validRange(range) !== null
}

function parse(pkg: Versioned): semver.SemVer {
  const parsed = semver.parse(pkg?.version)
  if (!parsed) throw new TypeError(`version ranges need a package with a semantic version such as 1.0.0, got ${JSON.stringify(pkg?.version)}`)
  return parsed
}
