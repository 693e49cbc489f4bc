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

/**
 * What every handler, hook and action of the bot or a plugin receives, built for one handling (its
 * `ctx`): Parley's props and Botpress's beside them. The proxies are plain objects over names fixed at
 * load, each method a client call.
 */
export function handlerProps(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined): CommonHandlerProps<LooseTypes> {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  const client = createClient(engine, caller)
  const { names } = unit
  const call = (name: string, input: object) => callActionIn(engine, { name, input, ctx: caller.ctx, caller: unit }, turn)
  const info = dependencyInfo(engine, unit)
  const interfaces = dependencyProxies(call, names.interfaces, info)
  const integrations = dependencyProxies(call, names.integrations, info)
  return {
    client,
    ctx: withConfiguration(caller.ctx, unit),
    logger: createLogger(engine.logs, { source: unit.source, ...links(caller.ctx), ...(turn?.trace ? { turnId: turn.trace.turnId } : {}) }),
    configuration: unit.configuration,
    alias: unit.alias,
    // A dependency's actions are reached by its alias; the unit's own action of the same name wins.
    actions: { ...integrations, ...interfaces, ...actionsProxy(client, names.actions) },
    states: { ...statesByType(client, names), ...statesProxy(client, names) },
    events: eventSenders(client, names),
    tables: tablesProxy(client, names.tables),
    workflows: workflowStarters(client, names.workflows),
    users: userFinders(client),
    conversations: conversationFinders(client, dependencyChannels(info)),
    messages: messageFinders(client),
    interfaces,
    integrations,
    // Written at once, not with the turn: a plugin's own bookkeeping, kept even when a later handler fails.
    kv: createKvStore(engine.db, engine.botId, unit.alias),
  }
}

/** The context with the configuration as Botpress's context carries it (`ctx.configuration.payload`, JSON text). */
function withConfiguration(ctx: Context, unit: CodeUnit): Context {
  return Object.assign({ ...ctx }, { configuration: { payload: JSON.stringify(unit.configuration) } })
}

/** The ids of what is being handled, for log records. */
export function links(ctx: Context) {
  return { conversationId: ctx.conversationId, userId: ctx.userId, messageId: ctx.messageId, eventId: ctx.eventId }
}
