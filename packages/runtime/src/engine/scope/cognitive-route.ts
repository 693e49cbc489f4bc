import { COGNITIVE_ACTION, prefixed } from '@parley/sdk'
import type { Composed } from './name-scope.js'

/**
 * The bot's name for the `generateContent` action of its `llm` integration (the first one added that
 * implements interface `llm`), which serves {@link COGNITIVE_ACTION} for every piece of code, as
 * Botpress's hosted cognitive service serves every plugin whether or not it declares `llm`.
 */
export function cognitiveAction(composed: Composed, name: string): string | undefined {
  if (name !== COGNITIVE_ACTION || Object.hasOwn(composed.actions, name)) return undefined
  for (const instance of Object.values(composed.integrations)) {
    const llm = Object.values(instance.definition.interfaces).find((iface) => iface.definition.name === 'llm')
    const action = llm?.actions.generateContent
    if (action !== undefined) return prefixed(instance.alias, action)
  }
  return undefined
}
