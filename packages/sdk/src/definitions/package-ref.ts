/**
 * What `addPlugin`, `addIntegration` and a definition's `interfaces` accept: the definition itself, or a
 * package that carries it (`import analytics from '@acme/analytics'`), as Botpress's packages are shaped:
 * `{ type, name, version, definition, implementation }`. A package whose `version` is a range (as
 * `version.allWithinMajorOf(pkg)` makes) says which versions of it a plugin accepts.
 */
export type PackageRef<TDefinition> = TDefinition | PackageOf<TDefinition>

/** A definition as a package, beside its implementation. */
export interface PackageOf<TDefinition> {
  readonly type?: 'plugin' | 'integration' | 'interface'
  readonly name?: string
  /** The package's version, or a range of accepted versions when a plugin depends on it. */
  readonly version?: string
  readonly definition: TDefinition
  readonly implementation?: unknown
}

/** A definition as a package, the shape Botpress's generated `bp_modules` export. */
export interface DefinitionPackage<TType extends 'plugin' | 'integration' | 'interface', TDefinition> {
  readonly type: TType
  readonly name: string
  readonly version: string
  readonly definition: TDefinition
}

/** `{ type, name, version, definition }` for a definition. */
export function toPackage<TType extends 'plugin' | 'integration' | 'interface', TDefinition extends { readonly name: string; readonly version: string }>(
  type: TType,
  definition: TDefinition,
): DefinitionPackage<TType, TDefinition> {
  return { type, name: definition.name, version: definition.version, definition }
}

/** The definition inside a package reference, at the type level. */
export type DefinitionOf<TRef> = TRef extends { readonly definition: infer D } ? D : TRef

/** The implementation a package carries, if any. */
export function implementationOf(ref: PackageRef<unknown>): unknown {
  return typeof ref === 'object' && ref !== null && 'definition' in ref ? (ref as { implementation?: unknown }).implementation : undefined
}

/** The definition inside a package reference. */
export function definitionOf<TDefinition extends { readonly kind: string }>(ref: PackageRef<TDefinition>): TDefinition {
  return 'kind' in ref ? ref : ref.definition
}

/**
 * The versions a reference accepts: the range it carries (`>=1.0.0 <2.0.0`), or, for a bare definition
 * or a package at its own version, that version's major (`^1.2.0`): a new major may change the contract.
 */
export function acceptedVersions(ref: PackageRef<{ readonly kind: string; readonly version: string }>): string {
  const own = definitionOf(ref).version
  const given = 'kind' in ref ? undefined : ref.version
  return given === undefined || given === own ? `^${own}` : given
}
