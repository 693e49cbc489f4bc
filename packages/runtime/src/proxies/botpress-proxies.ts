import type { AnyWorkflowStatus, Client, EventSchedule, EventStatus, StateType, Tags, WorkflowStatus } from '@parley/sdk'
import type { ProxyNames } from '../engine/units.js'
import { defined } from '../engine/records.js'
import { actionableConversation, actionableMessage, actionableUser, actionableWorkflow, hasTags } from './actionable.js'
import { paged } from './pages.js'

// Botpress's handler props, each a plain object over the names fixed at load and the handler's client.

type Input = Record<string, unknown>
type EventLinks = { readonly conversationId?: string; readonly userId?: string; readonly messageId?: string; readonly workflowId?: string }

/** `states.conversation.hitl.get(conversationId)`: each state under its owner kind, read and written by the owner's id. */
export function statesByType(client: Client, names: ProxyNames): Record<StateType, Record<string, object>> {
  const grouped: Record<StateType, Record<string, object>> = { bot: {}, user: {}, conversation: {}, workflow: {} }
  for (const { name, type } of names.states) grouped[type][name] = stateRepo(client, name, type)
  return grouped
}

function stateRepo(client: Client, name: string, type: StateType) {
  const key = (id: string) => ({ type, id, name })
  return {
    get: async (id: string) => (await client.getState(key(id))).state.payload,
    set: async (id: string, payload: Input) => void (await client.setState({ ...key(id), payload })),
    getOrSet: async (id: string, payload: Input) => (await client.getOrSetState({ ...key(id), payload })).state.payload,
    patch: async (id: string, payload: Input) => void (await client.patchState({ ...key(id), payload })),
    delete: (id: string) => client.deleteState(key(id)),
  }
}

/** `events.hitlAssigned.withConversationId(id).emit(payload)`, `.schedule(payload, { delay })`. */
export function eventSenders(client: Client, names: ProxyNames) {
  return Object.fromEntries(names.events.map((type) => [type, eventSender(client, type, {})]))
}

function eventSender(client: Client, type: string, links: EventLinks): object {
  const emit = (payload: Input, options: EventLinks & { schedule?: EventSchedule } = {}) => client.createEvent({ ...links, ...options, type, payload })
  return {
    emit,
    send: async (payload: Input) => void (await emit(payload)),
    schedule: async (payload: Input, schedule: EventSchedule) => void (await emit(payload, { schedule })),
    list: (request: { status?: EventStatus; conversationId?: string } = {}) =>
      paged(async (window) => (await client.listEvents({ type, ...defined({ conversationId: links.conversationId, ...request }), ...window })).events),
    withConversationId: (conversationId: string) => eventSender(client, type, { ...links, conversationId }),
    withUserId: (userId: string) => eventSender(client, type, { ...links, userId }),
    withMessageId: (messageId: string) => eventSender(client, type, { ...links, messageId }),
  }
}

/** Botpress's status groups and spellings, as the runtime's statuses. */
const STATUS_GROUPS: Readonly<Record<string, readonly WorkflowStatus[]>> = {
  all: [], running: ['in_progress'], scheduled: ['pending'], allFinished: ['completed', 'failed', 'cancelled', 'timed_out'],
  succeeded: ['completed'], cancelled: ['cancelled'], timedOut: ['timed_out'], failed: ['failed'],
}
const SPELLINGS: Readonly<Partial<Record<AnyWorkflowStatus, WorkflowStatus>>> = { listening: 'in_progress', paused: 'in_progress', timedout: 'timed_out' }
const UNFINISHED: readonly WorkflowStatus[] = ['pending', 'in_progress']

type StartRequest = { readonly input: Input; readonly conversationId?: string; readonly userId?: string; readonly timeoutMs?: number; readonly timeoutAt?: string; readonly tags?: Tags }
type ListRequest = { readonly statuses?: readonly AnyWorkflowStatus[]; readonly conversationId?: string; readonly userId?: string; readonly tags?: Tags }

/** `workflows.onboarding.startNewInstance({ input, tags })`, `.getOrCreateInstance(…)`, `.listInstances.running()`. */
export function workflowStarters(client: Client, names: readonly string[]) {
  return Object.fromEntries(names.map((name) => [name, workflowStarter(client, name)]))
}

function workflowStarter(client: Client, name: string) {
  const start = async (request: StartRequest) => ({ workflow: actionableWorkflow(client, (await client.startWorkflow({ ...request, name })).workflow) })
  const list = (request: ListRequest, window: { limit: number; offset: number }, statuses?: readonly WorkflowStatus[]) => {
    const status = statuses ?? request.statuses?.map((s) => SPELLINGS[s] ?? (s as WorkflowStatus))
    const query = defined({ name, status: status?.length ? status : undefined, conversationId: request.conversationId, userId: request.userId, tags: request.tags })
    return client.listWorkflows({ ...query, ...window }).then(({ workflows }) => workflows.map((w) => actionableWorkflow(client, w)))
  }
  const listInstances = Object.assign(
    (request: ListRequest = {}) => paged((window) => list(request, window)),
    Object.fromEntries(Object.entries(STATUS_GROUPS).map(([group, statuses]) => [group, async (request: ListRequest & { nextToken?: string } = {}) => {
      const pages = paged((window) => list(request, window, statuses))
      return { workflows: await pages.takePage(1), meta: pages.isExhausted ? {} : { nextToken: 'more' } }
    }])),
  )
  return {
    start,
    startNewInstance: start,
    getOrCreateInstance: async (request: StartRequest) => {
      const [found] = await list({ ...request }, { limit: 1, offset: 0 }, UNFINISHED)
      return found ? { workflow: found, created: false } : { ...(await start(request)), created: true }
    },
    listInstances,
  }
}

/** `users.getById({ id })`, beside Parley's `users.get(id)`. */
export function userFinders(client: Client) {
  return {
    get: async (id: string) => (await client.getUser({ id })).user,
    update: async (id: string, changes: Input) => (await client.updateUser({ id, ...changes })).user,
    getById: async ({ id }: { id: string }) => actionableUser(client, (await client.getUser({ id })).user),
    list: (request: { tags?: Tags } = {}) => paged(async (window) => (await client.listUsers({ ...request, ...window })).users.map((u) => actionableUser(client, u))),
  }
}

/** `messages.getById({ id })`, `messages.list({ conversationId })`. */
export function messageFinders(client: Client) {
  return {
    getById: async ({ id }: { id: string }) => actionableMessage(client, (await client.getMessage({ id })).message),
    list: (request: { conversationId?: string; tags?: Tags } = {}) => paged(
      async (window) => (request.conversationId === undefined ? [] : (await client.listMessages({ conversationId: request.conversationId, ...window })).messages),
      (messages) => messages.filter((m) => hasTags(m.tags, request.tags)).map((m) => actionableMessage(client, m)),
    ),
  }
}

/**
 * `conversations['*']['*']` and `conversations.<alias>.<channel>`: `channels` maps each dependency alias
 * to its channels and the bot's name of each (`hitl` → `hitl` → `zendesk:hitl`).
 */
export function conversationFinders(client: Client, channels: Readonly<Record<string, Readonly<Record<string, string>>>>) {
  const anyChannel = channelConversations(client, undefined)
  const byAlias = Object.fromEntries(Object.entries(channels).map(([alias, named]) => [alias, {
    '*': channelConversations(client, Object.values(named)),
    ...Object.fromEntries(Object.entries(named).map(([channel, botName]) => [channel, channelConversations(client, [botName])])),
  }]))
  return {
    get: async (id: string) => (await client.getConversation({ id })).conversation,
    update: async (id: string, changes: { tags?: Tags }) => (await client.updateConversation({ id, ...changes })).conversation,
    list: anyChannel.list,
    getById: anyChannel.getById,
    '*': { '*': anyChannel },
    ...byAlias,
  }
}

function channelConversations(client: Client, channels: readonly string[] | undefined) {
  return {
    getById: async ({ id }: { id: string }) => actionableConversation(client, (await client.getConversation({ id })).conversation),
    list: (request: { tags?: Tags } = {}) => paged(
      async (window) => (await client.listConversations({ ...request, ...window, ...(channels?.length === 1 ? { channel: channels[0] } : {}) })).conversations,
      (conversations) => conversations.filter((c) => channels === undefined || channels.includes(c.channel)).map((c) => actionableConversation(client, c)),
    ),
    create: async (request: { tags?: Tags } = {}) =>
      actionableConversation(client, (await client.getOrCreateConversation({ ...request, ...(channels?.[0] === undefined ? {} : { channel: channels[0] }) })).conversation),
  }
}
