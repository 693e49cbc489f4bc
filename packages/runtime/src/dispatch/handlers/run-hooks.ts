import type { Context, HookKind } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { elapsed, recordStep, since, traceError } from '../../engine/trace.js'
import type { Turn } from '../../engine/turn.js'
import type { CodeUnit } from '../../engine/units.js'
import { recordFailure, type HandlerFailure } from './failures.js'
import { describeHandler, matches } from './matching.js'
import type { HookView } from './hook-view.js'

export interface HookChain<D> {
  readonly kind: HookKind
  /** The bot's name the hooks select on: message type, event type or action name. */
  readonly name: string
  readonly data: D
  readonly ctx: Context
  readonly turn: Turn
  readonly view: HookView<D>
  /**
   * `record`: a hook that throws is recorded and the chain goes on (messages and events, which nobody
   * waits on); `throw`: the error reaches the caller (action calls, which have one).
   */
  readonly onError: 'record' | 'throw'
  /** Props beside the data: the user and conversation of an incoming message. */
  readonly props?: object
}

export interface HookOutcome<D> {
  readonly data: D
  /** A hook returned `stop: true`: the hooks after it did not run. */
  readonly stopped: boolean
  readonly failures: readonly HandlerFailure[]
}

type HookReturn<D> = { readonly data?: D; readonly stop?: boolean } | undefined

/**
 * Runs the hooks of one kind, plugins in the order added then the bot; each may replace the data or stop.
 * A hook that throws has its writes undone.
 */
export async function runHooks<D>(engine: Engine, chain: HookChain<D>): Promise<HookOutcome<D>> {
  let data = chain.data
  const failures: HandlerFailure[] = []
  // Loops and a try block rather than a filtered list and a `.catch` callback: this runs for every hook
  // kind of every message, mostly finding nothing to run.
  for (const unit of engine.code) {
    for (const registration of unit.handlers[chain.kind]) {
      if (!matches(registration, chain.name)) continue
      const started = performance.now()
      let result: HookReturn<D>
      try {
        result = await runHook(engine, unit, chain, data, registration.handler)
      } catch (error) {
        traceHook(chain, unit, registration.selector, started, 'error', error)
        if (chain.onError === 'throw') throw error
        failures.push(recordFailure(engine, unit, chain.ctx, describeHandler(chain.kind, registration), error, chain.turn.trace?.turnId))
        continue
      }
      traceHook(chain, unit, registration.selector, started, outcomeOf(result))
      if (result?.data !== undefined) data = chain.view.merge(unit, data, result.data)
      if (result?.stop) return { data, stopped: true, failures }
    }
  }
  return { data, stopped: false, failures }
}

async function runHook<D>(engine: Engine, unit: CodeUnit, chain: HookChain<D>, data: D, hook: (props: never) => unknown): Promise<HookReturn<D>> {
  const local = withMessage(chain.kind, chain.view.toLocal(unit, data))
  const extra = chain.kind.endsWith('Message') ? { ...chain.props, data: local, message: local } : { ...chain.props, data: local }
  const props = engine.props.code(unit, chain.ctx, chain.turn, extra)
  const result = await chain.turn.savepoint(() => hook(props as never))
  return typeof result === 'object' && result !== null ? (result as HookReturn<D>) : undefined
}

/**
 * Botpress's after-outgoing-message hook reads the message sent as `data.message`. The property is not
 * enumerable, so the data still compares, spreads and serializes as the message itself.
 */
function withMessage<D>(kind: string, local: D): D {
  if (kind !== 'afterOutgoingMessage' || typeof local !== 'object' || local === null || Object.hasOwn(local, 'message')) return local
  const target = Object.isExtensible(local) ? local : { ...local }
  return Object.defineProperty(target, 'message', { value: local, enumerable: false }) as D
}

function outcomeOf<D>(result: HookReturn<D>): 'ok' | 'changed' | 'stopped' {
  if (result?.stop) return 'stopped'
  return result?.data === undefined ? 'ok' : 'changed'
}

/** One step in the turn's trace, when it keeps one: a plain object, no copy of the data. */
function traceHook<D>(chain: HookChain<D>, unit: CodeUnit, name: string, started: number, result: 'ok' | 'changed' | 'stopped' | 'error', error?: unknown): void {
  const trace = chain.turn.trace
  if (!trace) return
  const durationMs = since(started)
  const step = { kind: 'hook', hook: chain.kind, owner: unit.source, name, startMs: elapsed(trace, started), durationMs, result } as const
  if (result !== 'error') return recordStep(trace, step)
  trace.failed = true
  recordStep(trace, { ...step, error: traceError(error) })
}
