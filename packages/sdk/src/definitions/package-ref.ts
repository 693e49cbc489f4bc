/**
 * What `addPlugin`, `addIntegration` and a definition's `interfaces` accept: the definition itself, or a
 * package that carries it beside its implementation (`import analytics from '@acme/analytics'`).
 */
export type PackageRef<TDefinition> = TDefinition | { readonly definition: TDefinition; readonly implementation?: unknown }

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
