import { AsyncLocalStorage } from 'node:async_hooks'
import { RuntimeError } from '../../engine/errors.js'

/** Deeper than this, actions calling actions are taken to be calling each other forever. */
export const MAX_CALL_DEPTH = 32

const chain = new AsyncLocalStorage<readonly string[]>()

/**
 * Runs an action's work with its name added to the chain of actions in progress, so an action that ends
 * up calling itself without end fails with the loop spelled out instead of exhausting the stack.
 */
export function withinCall<T>(name: string, work: () => Promise<T>): Promise<T> {
  const calls = [...(chain.getStore() ?? []), name]
  if (calls.length > MAX_CALL_DEPTH) {
    throw new RuntimeError('CALL_DEPTH_EXCEEDED', `actions called each other ${MAX_CALL_DEPTH} deep (${calls.slice(-4).join(' → ')} …); an action probably calls itself, directly or through others`)
  }
  return chain.run(calls, work)
}

/** Runs work that starts afresh (a job), whatever chain was in progress where it was scheduled. */
export function outsideCalls<T>(work: () => Promise<T>): Promise<T> {
  return chain.exit(work)
}
