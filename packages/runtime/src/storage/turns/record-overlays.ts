import type { Conversation, ConversationStore, UpdateConversationInput } from '../conversations/conversations.js'
import { notFound, StorageError } from '../errors/storage-error.js'
import { EVENT_DELIVERY_JOB_KIND, type EventStatus, type EventStore, type ListedEventStatus, type ListEventsOptions, type StoredEvent } from '../events/events.js'
import type { ListMessagesOptions, Message, MessageStore } from '../messages/messages.js'
import type { Page } from '../sql/paging.js'
import { defined, newId } from '../sql/records.js'
import { withoutEmptyTags, type Tags } from '../tags/tags.js'
import type { UpdateUserInput, User, UserStore } from '../users/users.js'
import { FINISHED_WORKFLOW_STATUSES, type ListWorkflowsOptions, type WorkflowInstance, type WorkflowStore } from '../workflows/workflows.js'
import { overlayPage } from './overlay-page.js'
import { nowIso, type Pending, type TurnJob } from './pending.js'

// The stores as a turn sees them. Records it creates (messages, events, workflow runs) and changes it makes
// (tags, names, event outcomes) wait in `Pending` and are read back from there; everything else is read
// from the database. Users and conversations are created at once: they are looked up by outside ids and
// tags, and a turn's messages need them to exist. A tag written `''` is removed: the turn's reads leave it
// out, and a change to a stored record carries it as `''` for the table to remove on commit.

type Get = () => Pending

/** How overlays reach what the turn holds: to read it, and to change it (which may first keep a savepoint's copy). */
export interface PendingAccess {
  readonly pending: Get
  readonly writable: Get
}

function hasTags(tags: Tags, wanted: Tags | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([name, value]) => tags[name] === value)
}

export function messageOverlay(botId: string, stored: MessageStore, { pending, writable }: PendingAccess): MessageStore {
  const withTags = (message: Message): Message => {
    const tags = pending().messageTags.get(message.id)
    return tags ? { ...message, tags: withoutEmptyTags({ ...message.tags, ...tags }) } : message
  }
  const added = (options: ListMessagesOptions) => [...pending().messages.values()].filter((message) =>
    (options.conversationId === undefined || message.conversationId === options.conversationId)
    && (options.userId === undefined || message.userId === options.userId) && hasTags(message.tags, options.tags))
  return {
    create: async (input) => {
      const at = nowIso()
      const { conversationId, userId, direction, type, payload } = input
      const message: Message = { id: newId('msg'), conversationId, userId, direction, type, payload, tags: withoutEmptyTags({ ...input.tags }), createdAt: at, updatedAt: at }
      writable().messages.set(message.id, message)
      return message
    },
    get: async (id) => pending().messages.get(id) ?? mapped(await stored.get(id), withTags),
    list: async (options = {}) => {
      const page = await overlayPage({ list: (window) => stored.list({ ...options, ...window }), count: () => stored.count(options) }, added(options), options)
      return { ...page, items: page.items.map(withTags) }
    },
    count: async (options = {}) => (await stored.count(options)) + added(options).length,
    update: async (id, { tags, payload }) => {
      const own = pending().messages.get(id)
      if (own) return remember(writable().messages, id, { ...own, ...defined({ payload }), tags: withoutEmptyTags({ ...own.tags, ...tags }), updatedAt: nowIso() })
      // A stored message's new payload is written at once, as a participant is: the turn holds only tags for it.
      const found = payload === undefined ? await stored.get(id) : await stored.update(id, { tags: {}, payload })
      if (!found) throw notFound('message', id, botId)
      writable().messageTags.set(id, { ...pending().messageTags.get(id), ...tags })
      return { ...withTags(found), updatedAt: nowIso() }
    },
  }
}

export function eventOverlay(botId: string, stored: EventStore, { pending, writable }: PendingAccess): EventStore {
  const loaded = new Map<string, StoredEvent | undefined>()
  const read = async (id: string) => (loaded.has(id) ? loaded.get(id) : remember(loaded, id, await stored.get(id)))
  const withStatus = (event: StoredEvent): StoredEvent => {
    const outcome = pending().eventStatus.get(event.id)
    return outcome ? { ...event, status: outcome.status, ...defined({ error: outcome.error }) } : event
  }
  const added = (options: ListEventsOptions) => [...pending().events.values()].filter((event) =>
    (options.type === undefined || event.type === options.type) && (options.types === undefined || options.types.includes(event.type))
    && (options.status === undefined || listedStatus(pending(), event, options.now ?? new Date()) === options.status)
    && (options.conversationId === undefined || event.conversationId === options.conversationId) && (options.userId === undefined || event.userId === options.userId))
  // A stored event this turn settled is filtered by its new status, in the stored listing's order.
  const withSettled = (options: ListEventsOptions): ListEventsOptions => {
    const changed = pending().eventStatus
    return options.status === undefined || changed.size === 0 ? options : { ...options, settled: new Map([...changed].map(([id, outcome]) => [id, outcome.status])) }
  }
  const settle = async (id: string, status: EventStatus, error?: string): Promise<StoredEvent> => {
    const own = pending().events.get(id)
    if (own) return remember(writable().events, id, { ...own, status, ...defined({ error }), updatedAt: nowIso() })
    const found = await read(id)
    if (!found) throw notFound('event', id, botId)
    writable().eventStatus.set(id, defined({ status, error }) as { status: EventStatus; error?: string })
    return { ...withStatus(found), updatedAt: nowIso() }
  }
  return {
    create: async (input) => {
      const at = nowIso()
      const { type, payload, conversationId, userId, messageId } = input
      const event: StoredEvent = { id: newId('evt'), type, payload, ...defined({ conversationId, userId, messageId }), status: 'pending', createdAt: at, updatedAt: at }
      return remember(writable().events, event.id, event)
    },
    get: async (id) => pending().events.get(id) ?? mapped(await read(id), withStatus),
    list: async (options = {}) => {
      const filter = withSettled(options)
      const page = await overlayPage({ list: (window) => stored.list({ ...filter, ...window }), count: () => stored.count(filter) }, added(options), options)
      return { ...page, items: page.items.map(withStatus) }
    },
    count: async (options = {}) => (await stored.count(withSettled(options))) + added(options).length,
    markProcessed: (id) => settle(id, 'processed'),
    markFailed: (id, error) => settle(id, 'failed', error),
  }
}

/**
 * A turn's own event as a listing filters it: `scheduled` while the delivery job the turn holds for it is
 * due after `now`, as the stored events' listing judges by their stored jobs.
 */
function listedStatus(pending: Pending, event: StoredEvent, now: Date): ListedEventStatus {
  const later = (job: TurnJob) => job.kind === EVENT_DELIVERY_JOB_KIND && job.payload['eventId'] === event.id && Date.parse(job.runAt) > now.getTime()
  return event.status === 'pending' && pending.jobs.some(later) ? 'scheduled' : event.status
}

/** Users as the turn sees them; `loaded` holds those read already, the turn's own user first of all. */
export function userOverlay(botId: string, stored: UserStore, { pending, writable }: PendingAccess, loaded: Map<string, User | undefined>): UserStore {
  const withChanges = (user: User): User => {
    const change = pending().users.get(user.id)
    return change ? { ...user, ...defined({ name: change.name, pictureUrl: change.pictureUrl }), tags: withoutEmptyTags({ ...user.tags, ...change.tags }) } : user
  }
  const change = (id: string, input: UpdateUserInput) => {
    const before = pending().users.get(id)
    writable().users.set(id, { ...defined({ name: input.name ?? before?.name, pictureUrl: input.pictureUrl ?? before?.pictureUrl }), tags: { ...before?.tags, ...input.tags } })
  }
  return { create: (input) => stored.create(input), ...partyOverlay({ kind: 'user', botId, stored, loaded, withChanges, change }) }
}

export function conversationOverlay(botId: string, stored: ConversationStore, { pending, writable }: PendingAccess, loaded: Map<string, Conversation | undefined>): ConversationStore {
  const withChanges = (conversation: Conversation): Conversation => {
    const tags = pending().conversations.get(conversation.id)
    return tags ? { ...conversation, tags: withoutEmptyTags({ ...conversation.tags, ...tags }) } : conversation
  }
  const change = (id: string, input: UpdateConversationInput) => void writable().conversations.set(id, { ...pending().conversations.get(id), ...input.tags })
  return { create: (input) => stored.create(input), ...partyOverlay({ kind: 'conversation', botId, stored, loaded, withChanges, change }) }
}

interface Party<T, I, U> {
  readonly kind: 'user' | 'conversation'
  readonly botId: string
  readonly stored: { get(id: string): Promise<T | undefined>; getOrCreate(id: string, input: I): Promise<T>; list(options?: object): Promise<Page<T>> }
  readonly loaded: Map<string, T | undefined>
  readonly withChanges: (record: T) => T
  /** Keeps an update for the commit. */
  readonly change: (id: string, input: U) => void
}

/** A user or a conversation: read once per turn, created at once, changed with the turn. */
function partyOverlay<T, I, U>({ kind, botId, stored, loaded, withChanges, change }: Party<T, I, U>) {
  const get = async (id: string) => mapped(loaded.has(id) ? loaded.get(id) : remember(loaded, id, await stored.get(id)), withChanges)
  return {
    get,
    getOrCreate: async (id: string, input: I) => {
      const record = await stored.getOrCreate(id, input)
      loaded.set(id, record)
      return withChanges(record)
    },
    list: async (options?: object) => {
      const page = await stored.list(options)
      return { ...page, items: page.items.map(withChanges) }
    },
    update: async (id: string, input: U) => {
      if (!(await get(id))) throw notFound(kind, id, botId)
      change(id, input)
      return { ...(await get(id))!, updatedAt: nowIso() }
    },
  }
}

/**
 * Runs the turn starts wait with it; a change to a stored run is made at once, as a claim on it: a run
 * finishes once, so two processes must not both think they completed it.
 */
export function workflowOverlay(botId: string, stored: WorkflowStore, { pending, writable }: PendingAccess): WorkflowStore {
  const added = (options: ListWorkflowsOptions) => [...pending().workflows.values()].filter((run) =>
    (options.name === undefined || run.name === options.name) && (options.status === undefined || [options.status].flat().includes(run.status))
    && (options.conversationId === undefined || run.conversationId === options.conversationId) && (options.userId === undefined || run.userId === options.userId)
    && Object.entries(options.tags ?? {}).every(([tag, value]) => run.tags[tag] === value))
  return {
    create: async (input) => {
      const at = nowIso()
      const { name, conversationId, userId } = input
      const run: WorkflowInstance = {
        id: newId('wf'), name, status: input.status ?? 'pending', input: input.input, ...defined({ conversationId, userId, timeoutAt: input.timeoutAt?.toISOString() }),
        tags: withoutEmptyTags({ ...input.tags }), createdAt: at, updatedAt: at,
      }
      return remember(writable().workflows, run.id, run)
    },
    get: async (id) => pending().workflows.get(id) ?? stored.get(id),
    list: (options = {}) => overlayPage({ list: (window) => stored.list({ ...options, ...window }), count: () => stored.count(options) }, added(options), options),
    count: async (options = {}) => (await stored.count(options)) + added(options).length,
    update: async (id, input) => {
      const own = pending().workflows.get(id)
      if (!own) return stored.update(id, input)
      if (FINISHED_WORKFLOW_STATUSES.includes(own.status)) {
        throw new StorageError('WORKFLOW_FINISHED', `workflow "${id}" (${own.name}) already finished as ${own.status}; a finished workflow cannot change, so start a new one instead`)
      }
      const { status, output, error } = input
      const tags = withoutEmptyTags({ ...own.tags, ...input.tags })
      return remember(writable().workflows, id, { ...own, ...defined({ status, output, error, timeoutAt: input.timeoutAt?.toISOString() }), tags, updatedAt: nowIso() })
    },
    listTimedOut: (now, limit) => stored.listTimedOut(now, limit),
  }
}

function mapped<T>(value: T | undefined, map: (value: T) => T): T | undefined {
  return value === undefined ? undefined : map(value)
}

function remember<K, V>(map: Map<K, V>, key: K, value: V): V {
  map.set(key, value)
  return value
}
