import type { Client, CommonHandlerProps, Context, LooseTypes } from '@parley/sdk'
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
import { hiddenSlot } from './hidden-slot.js'
import { keep } from './keep.js'

/** What one unit's props are made from for one handling, and what of them is made already. */
interface PropsSource {
  readonly engine: Engine
  readonly unit: CodeUnit
  readonly caller: { readonly unit: CodeUnit; readonly ctx: Context; readonly turn?: Turn }
  readonly turn: Turn | undefined
  readonly made: Record<string, unknown>
}

type Builder = (source: PropsSource) => unknown

const once = (source: PropsSource, name: string, build: Builder): unknown => (source.made[name] ??= build(source))
const client = (s: PropsSource) => once(s, 'client', () => createClient(s.engine, s.caller)) as Client<LooseTypes>
const info = (s: PropsSource) => once(s, 'info', () => dependencyInfo(s.engine, s.unit)) as ReturnType<typeof dependencyInfo>
const interfaces = (s: PropsSource) => once(s, 'interfaces', () => dependencyProxies(caller(s), s.unit.names.interfaces, info(s))) as object
const integrations = (s: PropsSource) => once(s, 'integrations', () => dependencyProxies(caller(s), s.unit.names.integrations, info(s))) as object

function caller({ engine, unit, caller, turn }: PropsSource) {
  return (name: string, input: object) => callActionIn(engine, { name, input, ctx: caller.ctx, caller: unit }, turn)
}

/** The props made when first read, by name, in the order code sees them (`configuration` and `alias` go between). */
const FIRST: Readonly<Record<string, Builder>> = {
  client,
  ctx: (s) => once(s, 'ctx', () => withConfiguration(s.caller.ctx, s.unit)),
  logger: (s) => once(s, 'logger', () => unitLogger(s.engine, s.unit, s.caller.ctx, s.turn)),
}
const REST: Readonly<Record<string, Builder>> = {
  // A dependency's actions are reached by its alias; the unit's own action of the same name wins.
  actions: (s) => once(s, 'actions', () => ({ ...integrations(s), ...interfaces(s), ...actionsProxy(client(s), s.unit.names.actions) })),
  states: (s) => once(s, 'states', () => ({ ...statesByType(client(s), s.unit.names), ...statesProxy(client(s), s.unit.names) })),
  events: (s) => once(s, 'events', () => eventSenders(client(s), s.unit.names)),
  tables: (s) => once(s, 'tables', () => tablesProxy(client(s), s.unit.names.tables)),
  workflows: (s) => once(s, 'workflows', () => workflowStarters(client(s), s.unit.names.workflows)),
  users: (s) => once(s, 'users', () => userFinders(client(s))),
  conversations: (s) => once(s, 'conversations', () => conversationFinders(client(s), dependencyChannels(info(s)))),
  messages: (s) => once(s, 'messages', () => messageFinders(client(s))),
  interfaces,
  integrations,
  // Written at once, not with the turn: a plugin's own bookkeeping, kept even when a later handler fails.
  kv: (s) => once(s, 'kv', () => createKvStore(s.engine.db, s.engine.botId, s.unit.alias)),
}

/** Where each props object's getters find what they make its props from. */
const SOURCE = hiddenSlot<PropsSource>()

function sourceOf(target: object): PropsSource {
  const source = SOURCE.get(target)
  if (!source) throw new TypeError('handler props read from an object they do not belong to')
  return source
}

// Each prop is a getter that makes the value and puts it in its own place (`keep`); a setter lets code (or
// `extra`) replace it. The functions are made once, for every props object.
const descriptors = (builders: Readonly<Record<string, Builder>>): PropertyDescriptorMap => Object.fromEntries(
  Object.entries(builders).map(([name, build]) => [name, {
    get(this: object) { return keep(this, name, build(sourceOf(this))) },
    set(this: object, value: unknown) { keep(this, name, value) },
    enumerable: true,
    configurable: true,
  }]),
)
const FIRST_DESCRIPTORS = descriptors(FIRST)
const REST_DESCRIPTORS = descriptors(REST)

/**
 * What every handler, hook and action of the bot or a plugin receives, built for one handling (its
 * `ctx`): Parley's props and Botpress's beside them. The proxies are plain objects over names fixed at
 * load, each method a client call.
 *
 * Gives a maker: each call is a fresh props object with `extra` (the message, a hook's data…) assigned
 * over it, while the props themselves are made once for all of them, each when first read. A message
 * passes through several hooks and a handler of each unit and most read one or two props, so spreading
 * built props into each call's object would make every one of them every time.
 *
 * The getters are shared by all props objects and find their handling in a slot each object carries
 * unseen: an object literal of getters made thirty functions for every hook call (bench/dispatch/README.md).
 */
export function handlerProps(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined): PropsMaker {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  const source: PropsSource = { engine, unit, caller, turn, made: {} }
  return (extra) => {
    const props = Object.defineProperties(SOURCE.put({}, source), FIRST_DESCRIPTORS) as Record<string, unknown>
    props['configuration'] = unit.configuration
    props['alias'] = unit.alias
    return Object.assign(Object.defineProperties(props, REST_DESCRIPTORS), extra) as unknown as CommonHandlerProps<LooseTypes>
  }
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
