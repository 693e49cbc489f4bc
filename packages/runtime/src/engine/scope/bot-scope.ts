import { describeOrigin } from '@parley/sdk'
import { RuntimeError } from '../errors.js'
import { COMPOSED_KEY, type Composed, type NameScope, type ScopedKind } from './name-scope.js'
import { cognitiveAction } from './cognitive-route.js'
import { flatName, quoteList } from './shared-names.js'

/** The bot writes every name as the composed definition shows it, its plugins' with their prefix. */
export function botScope(composed: Composed): NameScope {
  const owner = describeOrigin({ kind: 'bot' })
  const names = (kind: ScopedKind) => Object.keys(composed[COMPOSED_KEY[kind]])
  return {
    owner,
    resolve: (kind, name) => {
      if (Object.hasOwn(composed[COMPOSED_KEY[kind]], name)) return name
      const cognitive = kind === 'action' ? cognitiveAction(composed, name) : undefined
      if (cognitive !== undefined) return cognitive
      throw unknown(owner, kind, name, names(kind))
    },
    table: (name) => flatName(composed, 'table', name, owner),
    workflow: (name) => flatName(composed, 'workflow', name, owner),
    local: (_kind, botName) => botName,
    reachable: () => undefined,
    own: { state: names('state'), event: names('event'), action: names('action') },
  }
}

export function unknown(owner: string, kind: ScopedKind, name: string, known: readonly string[]): RuntimeError {
  const list = known.length ? `its ${kind}s are ${quoteList(known)}` : `it has no ${kind}s`
  return new RuntimeError('NAME_UNKNOWN', `${owner} has no ${kind} "${name}"; ${list}`)
}
