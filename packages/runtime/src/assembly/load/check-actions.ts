import { RuntimeError } from '../../engine/errors.js'
import { quoteList } from '../../engine/scope/shared-names.js'

/**
 * Every declared action needs a handler before the bot can start. Handlers for undeclared actions are
 * returned, to be logged: nothing can call them, which is likely a typo.
 */
export function checkActions(owner: string, declared: readonly string[], implemented: Readonly<Record<string, unknown>>): string[] {
  const missing = declared.filter((name) => typeof implemented[name] !== 'function')
  if (missing.length > 0) {
    throw new RuntimeError('IMPLEMENTATION_MISSING', `${owner} does not implement action${missing.length > 1 ? 's' : ''} ${quoteList(missing)}; add ${missing.length > 1 ? 'them' : 'it'} under \`actions\` in its implementation`)
  }
  return Object.keys(implemented).filter((name) => !declared.includes(name))
}
