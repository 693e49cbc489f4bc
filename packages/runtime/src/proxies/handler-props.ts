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
const client = (source: PropsSource) => once(source, 'client', ({ engine, caller }) => createClient(engine, caller)) as Client<LooseTypes>
const info = (source: PropsSource) => once(source, 'info', ({ engine, unit }) => dependencyInfo(engine, unit)) as ReturnType<typeof dependencyInfo>
const interfaces = (source: PropsSource) => once(source, 'interfaces', (s) => dependencyProxies(caller(s), s.unit.names.interfaces, info(s)))
const integrations = (source: PropsSource) => once(source, 'integrations', (s) => dependencyProxies(caller(s), s.unit.names.integrations, info(s)))

function caller({ engine, unit, caller, turn }: PropsSource) {
  return (name: string, input: object) => callActionIn(engine, { name, input, ctx: caller.ctx, caller: unit }, turn)
}

/** Each prop read lazily: how it is made from the unit and the handling, by its name. */
const BUILDERS: Readonly<Record<string, Builder>> = {
  client,
  ctx: (s) => once(s, 'ctx', () => withConfiguration(s.caller.ctx, s.unit)),
  logger: (s) => once(s, 'logger', () => unitLogger(s.engine, s.unit, s.caller.ctx, s.turn)),
  // A dependency's actions are reached by its alias; the unit's own action of the same name wins.
  actions: (s) => once(s, 'actions', () => ({ ...(integrations(s) as object), ...(interfaces(s) as object), ...actionsProxy(client(s), s.unit.names.actions) })),
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

/** The source of each props object, found by the getters, which are shared by all of them. */
const SOURCES = new WeakMap<object, PropsSource>()

/** The source of `target`, or of the props object it was made from with `Object.create(props)`. */
function sourceOf(target: object): PropsSource {
  for (let at: object | null = target; at !== null; at = Object.getPrototypeOf(at)) {
    const source = SOURCES.get(at)
    if (source) return source
  }
  throw new TypeError('handler props read from an object they do not belong to')
}

// Each prop is a getter that makes the value and puts it in its own place (`keep`); a setter lets code (or
// `extra`) replace it.
const DESCRIPTORS: PropertyDescriptorMap = Object.fromEntries(
  Object.entries(BUILDERS).map(([name, build]) => [name, {
    get(this: object) { return keep(this, name, build(sourceOf(this))) },
    set(this: object, value: unknown) { keep(this, name, value) },
    enumerable: true,
    configurable: true,
  }]),
)

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
 * The getters are defined once for all props objects and find what they make a prop from in `SOURCES`:
 * an object literal of getters makes a function for each getter and setter on every call, about 30 per
 * hook, and took two to three times as long to build as these (bench/dispatch/README.md).
 */
export function handlerProps(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined): PropsMaker {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  const source: PropsSource = { engine, unit, caller, turn, made: {} }
  return (extra) => {
    const props = Object.defineProperties({}, DESCRIPTORS)
    SOURCES.set(props, source)
    return Object.assign(props, { configuration: unit.configuration, alias: unit.alias }, extra) as CommonHandlerProps<LooseTypes>
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
