import { z } from '../schema/zod.js'
import { ENTITY_NAME } from '../schema/names.js'
import { DefinitionError } from '../errors/definition-error.js'
import { PluginDefinition } from '../definitions/plugin-definition.js'
import type { RecurringEventDefinition } from '../definitions/entities.js'
import { PluginImplementation } from '../implementation/plugin-implementation.js'
import type { Registrar } from '../implementation/registry.js'
import type { CommonHandlerProps } from '../implementation/props.js'
import type { LooseTypes } from '../implementation/types.js'
import { pluginContext } from './context.js'
import { endpointRoute } from './endpoints.js'
import { BUS_EVENT, deliverBusEvent, listenerRegistry, type ListenerRegistry } from './event-bus.js'
import { webhookRoute } from './webhooks.js'
import type { CreatePluginOptions, KeyValueDeclarations, PluginCronJob } from './types.js'

/** The event each cron job's recurring event carries, naming the job. */
const CRON_EVENT = 'cronJob'
/** What `conversation:end` hooks handle; ending a conversation emits it. */
const CONVERSATION_ENDED = 'conversationEnded'
/** What a conversation created before any message emits, for `conversation:start` hooks. */
const CONVERSATION_STARTED = 'conversationStarted'
/** A conversation state written once, by whichever path saw the conversation start first. */
const START_STATE = 'conversationStart'

/** A plugin written as one object, as a package a bot adds like any other (`bot.addPlugin(plugin, { alias })`). */
export interface CreatedPlugin {
  readonly type: 'plugin'
  readonly name: string
  readonly version: string
  readonly definition: PluginDefinition
  readonly implementation: PluginImplementation
}

/**
 * Turns a plugin written as one object — hooks, endpoints, cron jobs, webhooks, admin pages, `onActivate` —
 * into a Parley plugin: a definition (its configuration, its bus and cron events, their recurring
 * events) and an implementation (handlers, hooks, routes, pages), so composition, aliases, storage, jobs
 * and the HTTP API treat it as any other.
 *
 * @example
 * export default createPlugin({
 *   name: 'greeter', version: '1.0.0',
 *   hooks: { 'message:received': async (context, message) => context.api.db.set('last', message.payload) },
 * })
 */
export function createPlugin<const D extends KeyValueDeclarations = {}>(declared: CreatePluginOptions<D>): CreatedPlugin {
  // The declared values type the author's code only; at run time every context has the same store.
  const options = declared as unknown as CreatePluginOptions
  const definition = definitionOf(options)
  const registry = listenerRegistry()
  const implementation = new PluginImplementation({
    definition,
    actions: {},
    on: (on) => registerHandlers(on, options, registry),
    register: async (props) => {
      registry.clear(props.ctx.botId)
      await options.onActivate?.(pluginContext(props, registry))
    },
    unregister: async (props) => {
      await options.onDeactivate?.(pluginContext(props, registry))
      registry.clear(props.ctx.botId)
    },
    routes: [...(options.endpoints ?? []).map((e) => endpointRoute(e, registry)), ...(options.webhooks ?? []).map((w) => webhookRoute(w, registry))],
    pages: options.adminPages ?? [],
  })
  return { type: 'plugin', name: definition.name, version: definition.version, definition, implementation }
}

function definitionOf(options: CreatePluginOptions): PluginDefinition {
  const configuration = (options.configuration ?? z.object({})).extend({
    webhookSecrets: z.record(z.string().min(1)).default({}).describe('The secret of each webhook, by its name, that senders sign with'),
  })
  return new PluginDefinition({
    name: options.name, version: options.version, ...(options.description ? { description: options.description } : {}),
    configuration: { schema: configuration },
    events: {
      [BUS_EVENT]: { schema: z.object({ name: z.string().min(1), data: z.unknown() }), description: 'An event on the inter-plugin bus' },
      [CRON_EVENT]: { schema: z.object({ job: z.string() }), description: 'A cron job falls due' },
      [CONVERSATION_ENDED]: { schema: z.object({ conversationId: z.string().min(1) }), description: 'A conversation ended' },
      ...(options.hooks?.['conversation:start'] ? { [CONVERSATION_STARTED]: { schema: z.object({ conversationId: z.string().min(1) }), description: 'A conversation was created' } } : {}),
    },
    states: options.hooks?.['conversation:start'] ? { [START_STATE]: { type: 'conversation', schema: z.object({ startedBy: z.string() }) } } : {},
    recurringEvents: recurringEvents(options),
    ...(options.kv ? { kv: options.kv } : {}),
  })
}

/** One recurring event per cron job, named after the job (as an entity name may be written). */
function recurringEvents(options: CreatePluginOptions): Record<string, RecurringEventDefinition> {
  const entries = (options.cronJobs ?? []).map((job) => [entityName(options.name, job), {
    type: CRON_EVENT, payload: { job: job.name }, schedule: { cron: job.schedule, ...(job.timezone ? { timezone: job.timezone } : {}) },
  }] as const)
  return Object.fromEntries(entries)
}

function entityName(plugin: string, job: PluginCronJob): string {
  const name = `cron_${String(job.name).replace(/[^a-zA-Z0-9_]/g, '_')}`
  if (!ENTITY_NAME.test(name)) throw new DefinitionError({ definition: `plugin "${plugin}"`, entity: 'cronJobs', field: 'name' }, `"${job.name}" is not a job name; use letters, digits, - and _`)
  return name
}

function registerHandlers(on: Registrar<LooseTypes>, options: CreatePluginOptions, registry: ListenerRegistry): void {
  const hooks = options.hooks ?? {}
  const context = (props: CommonHandlerProps<LooseTypes>) => pluginContext(props, registry)
  const start = hooks['conversation:start']
  if (hooks['message:received'] || start) {
    on.message('*', async (props) => {
      if (start && (await isFirstMessage(props)) && (await claimStart(props, props.conversation.id, props.message.id))) await start(context(props), props.conversation.id)
      await hooks['message:received']?.(context(props), props.message)
    })
  }
  if (start) {
    on.event(CONVERSATION_STARTED, async (props) => {
      const conversationId = String(props.event.payload.conversationId)
      if (await claimStart(props, conversationId, props.event.id)) await start(context(props), conversationId)
    })
  }
  if (hooks['message:sent']) on.afterOutgoingMessage('*', async (props) => void (await hooks['message:sent']!(context(props), props.data)))
  if (hooks['conversation:end']) {
    on.event(CONVERSATION_ENDED, async (props) => void (await hooks['conversation:end']!(context(props), String(props.event.payload.conversationId))))
  }
  on.event('*', async (props) => {
    const { type, payload } = props.event
    if (type.endsWith(`:${BUS_EVENT}`)) await deliverBusEvent(registry, props.ctx.botId, payload as { name: string; data: unknown })
  })
  on.event(CRON_EVENT, async (props) => {
    const job = options.cronJobs?.find((entry) => entry.name === props.event.payload.job)
    await job?.handler(context(props))
  })
}

/** Whether the message being handled opens its conversation. */
async function isFirstMessage(props: CommonHandlerProps<LooseTypes> & { readonly conversation: { readonly id: string } }): Promise<boolean> {
  const { messages } = await props.client.listMessages({ conversationId: props.conversation.id, limit: 2 })
  return messages.length <= 1
}

/**
 * Whether this is the first sight of the conversation's start: a conversation created without a message
 * is announced by an event, and its first message comes later; whichever runs first writes the state.
 */
async function claimStart(props: CommonHandlerProps<LooseTypes>, conversationId: string, by: string): Promise<boolean> {
  const { state } = await props.states[START_STATE].getOrSet({ id: conversationId, payload: { startedBy: by } })
  return (state.payload as { startedBy?: string }).startedBy === by
}
