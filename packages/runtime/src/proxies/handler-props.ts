import type { CommonHandlerProps, Context, LooseTypes } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import type { Turn } from '../engine/turn.js'
import type { CodeUnit } from '../engine/units.js'
import { createLogger } from '../logging/logger.js'
import { callActionIn } from '../dispatch/actions/call-action.js'
import { createClient } from './client.js'
import {
  actionsProxy, conversationsProxy, dependenciesProxy, eventsProxy, statesProxy, tablesProxy, usersProxy, workflowsProxy,
} from './named-proxies.js'

/**
 * What every handler, hook and action of the bot or a plugin receives, built for one handling (its
 * `ctx`). The proxies are plain objects over names fixed at load, each method a client call.
 */
export function handlerProps(engine: Engine, unit: CodeUnit, ctx: Context, turn: Turn | undefined): CommonHandlerProps<LooseTypes> {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  const client = createClient(engine, caller)
  const { names } = unit
  const call = (name: string, input: object) => callActionIn(engine, { name, input, ctx: caller.ctx, caller: unit }, turn)
  return {
    client,
    ctx: caller.ctx,
    logger: createLogger(engine.logs, { source: unit.source, ...links(caller.ctx), ...(turn?.trace ? { turnId: turn.trace.turnId } : {}) }),
    configuration: unit.configuration,
    actions: actionsProxy(client, names.actions),
    states: statesProxy(client, names),
    events: eventsProxy(client, names),
    tables: tablesProxy(client, names.tables),
    workflows: workflowsProxy(client, names.workflows),
    users: usersProxy(client),
    conversations: conversationsProxy(client),
    interfaces: dependenciesProxy(call, names.interfaces),
    integrations: dependenciesProxy(call, names.integrations),
  }
}

/** The ids of what is being handled, for log records. */
export function links(ctx: Context) {
  return { conversationId: ctx.conversationId, userId: ctx.userId, messageId: ctx.messageId, eventId: ctx.eventId }
}
