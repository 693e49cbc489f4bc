import { CompositionError } from '../errors/composition-error.js'
import { ALIAS } from '../schema/names.js'
import { describeOrigin, type Origin } from './instances.js'

/**
 * Plugins and integrations share one alias namespace: `alias:name` must say unambiguously whose entity
 * it is.
 */
export function checkAlias(alias: string, taken: ReadonlyMap<string, Origin>): void {
  if (!ALIAS.test(alias)) {
    throw new CompositionError('ALIAS_INVALID', `alias "${alias}" is not allowed; use letters, digits, _ and -, starting with a letter (it prefixes names as "${alias}:name")`)
  }
  const owner = taken.get(alias)
  if (owner) {
    throw new CompositionError('ALIAS_TAKEN', `alias "${alias}" is already used by ${describeOrigin(owner)}; plugins and integrations share one alias namespace, so choose another alias`)
  }
}
