import type { ComposedAction, Context, HookKind } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../engine/errors.js'
import type { CodeUnit, IntegrationUnit, Unit } from '../../engine/units.js'
import { parsePayload } from '../../engine/payload.js'
import { runHooks } from '../handlers/run-hooks.js'
import { actionView } from '../handlers/views.js'
import { withinCall } from './call-chain.js'

type Payload = Record<string, unknown>

export interface ActionCall {
  /** The bot's name of the action: `analytics:trackEvent`. */
  readonly name: string
  readonly input: unknown
  /** What is being handled; the called action's handler inherits it. */
  readonly ctx: Context
  /** The code making the call. Calls from outside the bot (the API, tests) have none and skip the outgoing hooks. */
  readonly caller?: Unit
}

/**
 * Runs an action wherever it lives (the bot, a plugin, an integration): input checked against the composed
 * schema before anything runs, output after; outgoing hooks around the call, incoming hooks around the
 * handler of a bot or plugin action. A hook that throws fails the call, as the handler would.
 */
export async function callAction(engine: Engine, call: ActionCall): Promise<Payload> {
  return withinCall(call.name, () => runCall(engine, call))
}

async function runCall(engine: Engine, call: ActionCall): Promise<Payload> {
  const action = engine.definition.actions[call.name]!
  let input = checkInput(action, call.name, call.input)
  if (call.caller) input = await inputThroughHooks(engine, 'beforeOutgoingCallAction', action, call.name, input, call.ctx)
  const output = await runHandler(engine, action, call.name, input, call.ctx)
  return call.caller ? outputThroughHooks(engine, 'afterOutgoingCallAction', action, call.name, output, call.ctx) : output
}

async function runHandler(engine: Engine, action: ComposedAction, name: string, input: Payload, ctx: Context): Promise<Payload> {
  const { origin } = action
  if (origin.kind === 'integration') return runIntegrationAction(engine, engine.integrations.get(origin.alias)!, action, name, input, ctx)
  const unit = origin.kind === 'bot' ? engine.bot : engine.plugins.get(origin.alias)!
  return runCodeAction(engine, unit, action, name, input, ctx)
}

async function runCodeAction(engine: Engine, unit: CodeUnit, action: ComposedAction, name: string, given: Payload, ctx: Context): Promise<Payload> {
  const input = await inputThroughHooks(engine, 'beforeIncomingCallAction', action, name, given, ctx)
  const handler = unit.actions[action.localName]!
  const output = await handler({ ...engine.props.code(unit, ctx), type: action.localName, input } as never)
  return outputThroughHooks(engine, 'afterIncomingCallAction', action, name, checkOutput(action, name, output), ctx)
}

async function runIntegrationAction(engine: Engine, unit: IntegrationUnit, action: ComposedAction, name: string, input: Payload, ctx: Context): Promise<Payload> {
  const handler = unit.implementation?.actions[action.localName] as ((props: never) => unknown) | undefined
  if (!handler) throw missingIntegrationAction(unit, action, name)
  const output = await handler({ ...engine.props.integration(unit, ctx), type: action.localName, input } as never)
  return checkOutput(action, name, output)
}

async function inputThroughHooks(engine: Engine, kind: HookKind, action: ComposedAction, name: string, input: Payload, ctx: Context): Promise<Payload> {
  const { data } = await runHooks(engine, { kind, name, data: { type: name, input }, ctx, view: actionView<{ type: string; input: Payload }>(), onError: 'throw' })
  return data.input === input ? input : checkInput(action, name, data.input)
}

async function outputThroughHooks(engine: Engine, kind: HookKind, action: ComposedAction, name: string, output: Payload, ctx: Context): Promise<Payload> {
  const { data } = await runHooks(engine, { kind, name, data: { type: name, output }, ctx, view: actionView<{ type: string; output: Payload }>(), onError: 'throw' })
  return data.output === output ? output : checkOutput(action, name, data.output)
}

function checkInput(action: ComposedAction, name: string, input: unknown): Payload {
  return parsePayload(action.input.schema, input, `action "${name}" input`)
}

function checkOutput(action: ComposedAction, name: string, output: unknown): Payload {
  return parsePayload(action.output.schema, output, `action "${name}" output`)
}

function missingIntegrationAction(unit: IntegrationUnit, action: ComposedAction, name: string): RuntimeError {
  const fix = unit.implementation
    ? `add "${action.localName}" under actions in its implementation`
    : `give it an implementation: add it as a package { definition, implementation }, or pass integrations: { ${unit.alias}: … } to the runtime`
  return new RuntimeError('IMPLEMENTATION_MISSING', `${unit.scope.owner} cannot run action "${name}": ${fix}`)
}
