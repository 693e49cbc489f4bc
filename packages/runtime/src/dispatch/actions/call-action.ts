import type { ComposedAction, Context, HookKind } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../engine/errors.js'
import { parsePayload } from '../../engine/payload.js'
import { elapsed, recordStep, since, traceError } from '../../engine/trace.js'
import type { Turn } from '../../engine/turn.js'
import type { CodeUnit, IntegrationUnit, Unit } from '../../engine/units.js'
import { runHooks } from '../handlers/run-hooks.js'
import { actionView } from '../handlers/views.js'
import { runTurn } from '../turns/run-turn.js'
import { withinCall } from './call-chain.js'

type Payload = Record<string, unknown>

export interface ActionCall {
  /** The bot's name of the action: `analytics:trackEvent`. */
  readonly name: string
  readonly input: unknown
  /** What is being handled; the called action's handler inherits it. */
  readonly ctx: Context
  /** The turn the call is made in: what the action writes is stored with it. */
  readonly turn: Turn
  /** The code making the call. Calls from outside the bot (the API, tests) have none and skip the outgoing hooks. */
  readonly caller?: Unit
}

/** One call on its way: the action called and where. */
interface Call extends ActionCall {
  readonly action: ComposedAction
}

/**
 * Runs an action wherever it lives (the bot, a plugin, an integration): input checked against the composed
 * schema before anything runs, output after; outgoing hooks around the call, incoming hooks around the
 * handler of a bot or plugin action. A hook that throws fails the call, as the handler would; a call that
 * fails has what it wrote undone.
 */
export async function callAction(engine: Engine, request: ActionCall): Promise<Payload> {
  const call: Call = { ...request, action: engine.definition.actions[request.name]! }
  const started = performance.now()
  try {
    const output = await withinCall(call.name, () => call.turn.savepoint(() => runCall(engine, call)))
    traceAction(call, started)
    return output
  } catch (error) {
    traceAction(call, started, error)
    throw error
  }
}

function traceAction(call: Call, started: number, error?: unknown): void {
  const trace = call.turn.trace
  if (!trace) return
  const { origin } = call.action
  const owner = origin.kind === 'bot' ? 'bot' : origin.alias
  const startMs = elapsed(trace, started)
  const durationMs = since(started)
  // Literals, not a shared step spread with its result: a spread cost ~2 µs a step, the literal ~0.3.
  if (error === undefined) return recordStep(trace, { kind: 'action', owner, name: call.name, startMs, durationMs, result: 'ok' })
  trace.failed = true
  recordStep(trace, { kind: 'action', owner, name: call.name, startMs, durationMs, result: 'error', error: traceError(error) })
}

/** A call made in `turn`, or, from outside any turn (the API), in a turn of its own, stored when it returns. */
export async function callActionIn(engine: Engine, request: Omit<ActionCall, 'turn'>, turn: Turn | undefined): Promise<Payload> {
  if (turn?.open) return callAction(engine, { ...request, turn })
  return (await runTurn(engine, { ctx: request.ctx, kind: 'action' }, (own) => callAction(engine, { ...request, turn: own }))).value
}

async function runCall(engine: Engine, call: Call): Promise<Payload> {
  let input = checkInput(call, call.input)
  if (call.caller) input = await inputThroughHooks(engine, call, 'beforeOutgoingCallAction', input)
  const output = await runHandler(engine, call, input)
  return call.caller ? outputThroughHooks(engine, call, 'afterOutgoingCallAction', output) : output
}

async function runHandler(engine: Engine, call: Call, input: Payload): Promise<Payload> {
  const { origin } = call.action
  if (origin.kind === 'integration') return runIntegrationAction(engine, engine.integrations.get(origin.alias)!, call, input)
  const unit = origin.kind === 'bot' ? engine.bot : engine.plugins.get(origin.alias)!
  return runCodeAction(engine, unit, call, input)
}

async function runCodeAction(engine: Engine, unit: CodeUnit, call: Call, given: Payload): Promise<Payload> {
  const input = await inputThroughHooks(engine, call, 'beforeIncomingCallAction', given)
  const handler = unit.actions[call.action.localName]!
  const output = await handler(engine.props.code(unit, call.ctx, call.turn, { type: call.action.localName, input }) as never)
  return outputThroughHooks(engine, call, 'afterIncomingCallAction', checkOutput(call, output))
}

async function runIntegrationAction(engine: Engine, unit: IntegrationUnit, call: Call, input: Payload): Promise<Payload> {
  const handler = unit.implementation?.actions[call.action.localName] as ((props: never) => unknown) | undefined
  if (!handler) throw missingIntegrationAction(unit, call)
  const output = await handler({ ...engine.props.integration(unit, call.ctx, call.turn), type: call.action.localName, input } as never)
  return checkOutput(call, output)
}

async function inputThroughHooks(engine: Engine, call: Call, kind: HookKind, input: Payload): Promise<Payload> {
  const { name, ctx, turn } = call
  const { data } = await runHooks(engine, { kind, name, data: { type: name, input }, ctx, turn, view: actionView<{ type: string; input: Payload }>(), onError: 'throw' })
  return data.input === input ? input : checkInput(call, data.input)
}

async function outputThroughHooks(engine: Engine, call: Call, kind: HookKind, output: Payload): Promise<Payload> {
  const { name, ctx, turn } = call
  const { data } = await runHooks(engine, { kind, name, data: { type: name, output }, ctx, turn, view: actionView<{ type: string; output: Payload }>(), onError: 'throw' })
  return data.output === output ? output : checkOutput(call, data.output)
}

function checkInput(call: Call, input: unknown): Payload {
  return parsePayload(call.action.input.schema, input, `action "${call.name}" input`)
}

function checkOutput(call: Call, output: unknown): Payload {
  return parsePayload(call.action.output.schema, output, `action "${call.name}" output`)
}

function missingIntegrationAction(unit: IntegrationUnit, call: Call): RuntimeError {
  const local = call.action.localName
  const fix = unit.implementation
    ? `add "${local}" under actions in its implementation`
    : `give it an implementation: add it as a package { definition, implementation }, or pass integrations: { ${unit.alias}: … } to the runtime`
  return new RuntimeError('IMPLEMENTATION_MISSING', `${unit.scope.owner} cannot run action "${call.name}": ${fix}`)
}
