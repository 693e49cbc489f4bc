import type { Client, CommonHandlerProps, Context, DependencyInfo, LooseTypes } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import type { Turn } from '../engine/turn.js'
import type { CodeUnit } from '../engine/units.js'
import { createLogger } from '../logging/logger.js'
import { callActionIn } from '../dispatch/actions/call-action.js'
import { createClient } from './client.js'
import { createKvStore } from '../storage/index.js'
import { actionsProxy, statesProxy, tablesProxy } from './named-proxies.js'
import { conversationFinders, eventSenders, messageFinders, statesByType, userFinders, workflowStarters } from './botpress-proxies.js'
import { dependencyChannels, dependencyInfo, dependencyProxies } from './dependencies.js'
import { keep } from './keep.js'

/**
 * What every handler, hook and action of the bot or a plugin receives, built for one handling (its
 * `ctx`): Parley's props and Botpress's beside them. The proxies are plain objects over names fixed at
 * load, each method a client call.
 */
export function handlerProps(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined): CommonHandlerProps<LooseTypes> {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  const { names } = unit
  // Shared between the props that need them, each made once, when a prop first asks.
  let client: Client | undefined
  let info: Record<string, DependencyInfo> | undefined
  let interfaces: ReturnType<typeof dependencyProxies> | undefined
  let integrations: ReturnType<typeof dependencyProxies> | undefined
  const theClient = () => (client ??= createClient(engine, caller))
  const theInfo = () => (info ??= dependencyInfo(engine, unit))
  const call = (name: string, input: object) => callActionIn(engine, { name, input, ctx: caller.ctx, caller: unit }, turn)
  const theInterfaces = () => (interfaces ??= dependencyProxies(call, names.interfaces, theInfo()))
  const theIntegrations = () => (integrations ??= dependencyProxies(call, names.integrations, theInfo()))
  // Each prop is a getter that builds it and puts it in its own place (`keep`); a setter lets code replace it.
  return {
    get client() { return keep(this, 'client', theClient()) },
    set client(value) { keep(this, 'client', value) },
    get ctx() { return keep(this, 'ctx', withConfiguration(caller.ctx, unit)) },
    set ctx(value) { keep(this, 'ctx', value) },
    get logger() { return keep(this, 'logger', unitLogger(engine, unit, caller.ctx, turn)) },
    set logger(value) { keep(this, 'logger', value) },
    configuration: unit.configuration,
    alias: unit.alias,
    // A dependency's actions are reached by its alias; the unit's own action of the same name wins.
    get actions() { return keep(this, 'actions', { ...theIntegrations(), ...theInterfaces(), ...actionsProxy(theClient(), names.actions) }) },
    set actions(value) { keep(this, 'actions', value) },
    get states() { return keep(this, 'states', { ...statesByType(theClient(), names), ...statesProxy(theClient(), names) }) },
    set states(value) { keep(this, 'states', value) },
    get events() { return keep(this, 'events', eventSenders(theClient(), names)) },
    set events(value) { keep(this, 'events', value) },
    get tables() { return keep(this, 'tables', tablesProxy(theClient(), names.tables)) },
    set tables(value) { keep(this, 'tables', value) },
    get workflows() { return keep(this, 'workflows', workflowStarters(theClient(), names.workflows)) },
    set workflows(value) { keep(this, 'workflows', value) },
    get users() { return keep(this, 'users', userFinders(theClient())) },
    set users(value) { keep(this, 'users', value) },
    get conversations() { return keep(this, 'conversations', conversationFinders(theClient(), dependencyChannels(theInfo()))) },
    set conversations(value) { keep(this, 'conversations', value) },
    get messages() { return keep(this, 'messages', messageFinders(theClient())) },
    set messages(value) { keep(this, 'messages', value) },
    get interfaces() { return keep(this, 'interfaces', theInterfaces()) },
    set interfaces(value) { keep(this, 'interfaces', value) },
    get integrations() { return keep(this, 'integrations', theIntegrations()) },
    set integrations(value) { keep(this, 'integrations', value) },
    // Written at once, not with the turn: a plugin's own bookkeeping, kept even when a later handler fails.
    get kv() { return keep(this, 'kv', createKvStore(engine.db, engine.botId, unit.alias)) },
    set kv(value) { keep(this, 'kv', value) },
  }
}

function unitLogger(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined) {
  return createLogger(engine.logs, { source: unit.source, ...links(ctx), ...(turn?.trace ? { turnId: turn.trace.turnId } : {}) })
}

/** The context with the configuration as Botpress's context carries it (`ctx.configuration.payload`, JSON text). */
function withConfiguration(ctx: Context, unit: CodeUnit): Context {
  return Object.assign({ ...ctx }, { configuration: { payload: JSON.stringify(unit.configuration) } })
}

/** The ids of what is being handled, for log records. */
export function links(ctx: Context) {
  return { conversationId: ctx.conversationId, userId: ctx.userId, messageId: ctx.messageId, eventId: ctx.eventId }
}
