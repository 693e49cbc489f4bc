import type { CommonHandlerProps, Context, LooseTypes } from '@parley/sdk'
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
 *
 * Gives a maker: each call is a fresh props object with `extra` (the message, a hook's data…) assigned
 * over it, while the props themselves are made once for all of them, each when first read. A message
 * passes through several hooks and a handler of each unit and most read one or two props, so spreading
 * built props into each call's object would make every one of them every time.
 */
export function handlerProps(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined): PropsMaker {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  const { names } = unit
  const made: Record<string, unknown> = {}
  const once = <T>(name: string, build: () => T): T => (made[name] ??= build()) as T
  const client = () => once('client', () => createClient(engine, caller))
  const info = () => once('info', () => dependencyInfo(engine, unit))
  const call = (name: string, input: object) => callActionIn(engine, { name, input, ctx: caller.ctx, caller: unit }, turn)
  const interfaces = () => once('interfaces', () => dependencyProxies(call, names.interfaces, info()))
  const integrations = () => once('integrations', () => dependencyProxies(call, names.integrations, info()))
  // Each prop is a getter that takes the made value and puts it in its own place (`keep`); a setter lets
  // code (or `extra`) replace it.
  return (extra) => Object.assign({
    get client() { return keep(this, 'client', client()) },
    set client(value) { keep(this, 'client', value) },
    get ctx() { return keep(this, 'ctx', once('ctx', () => withConfiguration(caller.ctx, unit))) },
    set ctx(value) { keep(this, 'ctx', value) },
    get logger() { return keep(this, 'logger', once('logger', () => unitLogger(engine, unit, caller.ctx, turn))) },
    set logger(value) { keep(this, 'logger', value) },
    configuration: unit.configuration,
    alias: unit.alias,
    // A dependency's actions are reached by its alias; the unit's own action of the same name wins.
    get actions() { return keep(this, 'actions', once('actions', () => ({ ...integrations(), ...interfaces(), ...actionsProxy(client(), names.actions) }))) },
    set actions(value) { keep(this, 'actions', value) },
    get states() { return keep(this, 'states', once('states', () => ({ ...statesByType(client(), names), ...statesProxy(client(), names) }))) },
    set states(value) { keep(this, 'states', value) },
    get events() { return keep(this, 'events', once('events', () => eventSenders(client(), names))) },
    set events(value) { keep(this, 'events', value) },
    get tables() { return keep(this, 'tables', once('tables', () => tablesProxy(client(), names.tables))) },
    set tables(value) { keep(this, 'tables', value) },
    get workflows() { return keep(this, 'workflows', once('workflows', () => workflowStarters(client(), names.workflows))) },
    set workflows(value) { keep(this, 'workflows', value) },
    get users() { return keep(this, 'users', once('users', () => userFinders(client()))) },
    set users(value) { keep(this, 'users', value) },
    get conversations() { return keep(this, 'conversations', once('conversations', () => conversationFinders(client(), dependencyChannels(info())))) },
    set conversations(value) { keep(this, 'conversations', value) },
    get messages() { return keep(this, 'messages', once('messages', () => messageFinders(client()))) },
    set messages(value) { keep(this, 'messages', value) },
    get interfaces() { return keep(this, 'interfaces', interfaces()) },
    set interfaces(value) { keep(this, 'interfaces', value) },
    get integrations() { return keep(this, 'integrations', integrations()) },
    set integrations(value) { keep(this, 'integrations', value) },
    // Written at once, not with the turn: a plugin's own bookkeeping, kept even when a later handler fails.
    get kv() { return keep(this, 'kv', once('kv', () => createKvStore(engine.db, engine.botId, unit.alias))) },
    set kv(value) { keep(this, 'kv', value) },
  }, extra)
}

/** Props for one call: the unit's props with what the call adds (`{ type, input }`, a hook's `data`…) over them. */
export type PropsMaker = (extra?: object) => CommonHandlerProps<LooseTypes>

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
