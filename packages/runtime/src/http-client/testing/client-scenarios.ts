import { ParleyError, type Client } from '@parley/sdk'

// Operations run the same way on an in-process client and an HTTP client; each returns what it saw, with
// ids and times made stable, and the two sides must see the same. Failures are part of what is seen.

export interface Scenario {
  readonly name: string
  readonly run: (client: Client) => Promise<unknown>
}

/** An error as a caller can tell it apart: its code and message. */
export async function outcome(call: () => Promise<unknown>): Promise<unknown> {
  try {
    return await call()
  } catch (error) {
    if (!(error instanceof ParleyError)) throw error
    return { error: error.code, message: error.message }
  }
}

const ID_KEYS = new Set(['id', 'userId', 'conversationId', 'messageId'])
const TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}/
const GENERATED_ID = /\b[a-z]+_[0-9a-f]{32}\b/g

/** Generated ids and timestamps differ between two databases; everything else must not. */
export function stable(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) return value.map((item) => stable(item))
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, stable(v, k)]))
  if (typeof value !== 'string') return value
  if (TIME.test(value)) return '<time>'
  return ID_KEYS.has(key) ? '<id>' : value.replace(GENERATED_ID, '<id>')
}

async function userAndConversation(client: Client) {
  const { user } = await client.getOrCreateUser({ name: 'Ada', tags: { plan: 'pro' } })
  const { conversation } = await client.getOrCreateConversation({ channel: 'webchat', tags: { topic: 'billing' } })
  return { user, conversation }
}

const note = (title: string, score: number, topic: string) => ({ title, score, topic })

export const scenarios: readonly Scenario[] = [
  {
    name: 'users: create, read, tag, list by tag, and a missing one',
    run: async (client) => {
      const { user } = await client.getOrCreateUser({ name: 'Grace', tags: { plan: 'free' } })
      return [
        user,
        await client.getUser({ id: user.id }),
        await client.updateUser({ id: user.id, name: 'Grace H', tags: { plan: 'pro' } }),
        (await client.listUsers({ tags: { plan: 'pro' }, limit: 5 })).users.length,
        await outcome(() => client.getUser({ id: 'usr_doesnotexist' })),
      ]
    },
  },
  {
    name: 'conversations: create on a channel, tag, list, and an unknown channel',
    run: async (client) => {
      const { conversation } = await client.getOrCreateConversation({ channel: 'webchat', tags: { topic: 'sales' } })
      return [
        conversation,
        await client.getOrCreateConversation({ id: conversation.id }),
        await client.updateConversation({ id: conversation.id, tags: { topic: 'support' } }),
        (await client.listConversations({ tags: { topic: 'support' } })).conversations.map((c) => c.tags),
        await outcome(() => client.getOrCreateConversation({ channel: 'fax' })),
      ]
    },
  },
  {
    name: 'messages: the bot sends, reads back, lists; bad payloads and types are refused',
    run: async (client) => {
      const { user, conversation } = await userAndConversation(client)
      const { message } = await client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 'hello' }, tags: {} })
      return [
        message,
        await client.getMessage({ id: message.id }),
        await client.listMessages({ conversationId: conversation.id, limit: 10 }),
        await outcome(() => client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'text', payload: { text: 42 } })),
        await outcome(() => client.createMessage({ conversationId: conversation.id, userId: user.id, type: 'hologram', payload: {} })),
        await outcome(() => client.getMessage({ id: 'msg_doesnotexist' })),
      ]
    },
  },
  {
    name: 'events: emit, read, list by type; unknown types and bad payloads are refused',
    run: async (client) => {
      const { event } = await client.createEvent({ type: 'pinged', payload: { note: 'one' } })
      return [
        event,
        await client.getEvent({ id: event.id }),
        (await client.listEvents({ type: 'pinged' })).events.map((e) => e.payload),
        await outcome(() => client.createEvent({ type: 'nothing', payload: {} })),
        await outcome(() => client.createEvent({ type: 'pinged', payload: { note: 1 } })),
      ]
    },
  },
  {
    name: 'states: set, get, patch, get-or-set, delete, and the errors on the way',
    run: async (client) => {
      const { user } = await userAndConversation(client)
      const key = { type: 'user', id: user.id, name: 'profile' } as const
      return [
        await outcome(() => client.getState(key)),
        await client.getOrSetState({ ...key, payload: { name: 'Ada', visits: 1 } }),
        await client.getOrSetState({ ...key, payload: { name: 'Other', visits: 9 } }),
        await client.patchState({ ...key, payload: { visits: 2 } }),
        await client.setState({ ...key, payload: { name: 'Ada L', visits: 3 }, expiry: 60_000 }),
        await outcome(() => client.setState({ ...key, payload: { name: 'x'.repeat(5000), visits: 1 } })),
        await outcome(() => client.setState({ ...key, payload: { name: 'Ada', visits: 'lots' } })),
        await outcome(() => client.getState({ type: 'user', id: user.id, name: 'nothing' })),
        await client.deleteState(key),
        await outcome(() => client.getState(key)),
      ]
    },
  },
  {
    name: 'tables: insert, find with filter, order and paging, get, update, upsert, aggregate, delete',
    run: async (client) => {
      const table = 'notes'
      const { rows } = await client.createTableRows({ table, rows: [note('a', 1, 'x'), note('b', 5, 'y'), note('c', 3, 'x'), note('d', 4, 'y')] })
      const first = rows[0]!
      return [
        rows,
        await client.createTableRow({ table, row: note('e', 2, 'z') }),
        await client.findTableRows({ table, filter: { topic: { $in: ['x', 'y'] }, score: { $gte: 3 } }, orderBy: [{ column: 'score', direction: 'desc' }], limit: 2, offset: 1 }),
        await client.listTableRows({ table, filter: { $or: [{ title: 'a' }, { $not: { score: { $lt: 5 } } }] } }),
        await client.getTableRow({ table, id: first.id }),
        await client.updateTableRows({ table, filter: { topic: 'x' }, patch: { score: 10 } }),
        await client.updateTableRows({ table, ids: [first.id], patch: { title: 'A' } }),
        await client.upsertTableRows({ table, rows: [note('A', 0, 'x'), note('f', 6, 'w')], keyColumn: 'title' }),
        await client.aggregateTableRows({ table, groupBy: ['topic'], aggregates: { n: { $count: true }, best: { $max: 'score' } } }),
        await client.deleteTableRows({ table, ids: [first.id] }),
        await client.deleteTableRows({ table, filter: { topic: 'y' } }),
        await outcome(() => client.findTableRows({ table, filter: { colour: 'red' } })),
        await outcome(() => client.createTableRows({ table, rows: [{ title: 'g', score: 'high', topic: 'x' }] })),
        await outcome(() => client.findTableRows({ table: 'nothing' })),
        await client.deleteTableRows({ table, all: true }),
      ]
    },
  },
  {
    name: 'workflows: start, read, move on, finish, list; a finished one stays finished',
    run: async (client) => {
      const { workflow } = await client.startWorkflow({ name: 'onboarding', input: { step: 'one' }, timeoutMs: 60_000 })
      return [
        workflow,
        await client.getWorkflow({ id: workflow.id }),
        await client.updateWorkflow({ id: workflow.id, status: 'in_progress' }),
        await client.updateWorkflow({ id: workflow.id, status: 'completed', output: { done: true } }),
        (await client.listWorkflows({ name: 'onboarding', status: 'completed' })).workflows.length,
        await outcome(() => client.updateWorkflow({ id: workflow.id, status: 'failed', error: 'late' })),
        await outcome(() => client.startWorkflow({ name: 'onboarding', input: { step: 1 } })),
        await outcome(() => client.getWorkflow({ id: 'wf_doesnotexist' })),
      ]
    },
  },
  {
    name: "a plugin's names, prefixed: its action and its state, whose name goes in the path",
    run: async (client) => {
      const key = { type: 'bot', id: 'fixture', name: 'counter:seen' } as const
      return [
        await client.callAction({ type: 'counter:bump', input: { by: 2 } }),
        await client.callAction({ type: 'counter:bump', input: { by: 3 } }),
        await client.getState(key),
        await client.patchState({ ...key, payload: { count: 10 } }),
        await outcome(() => client.getState({ ...key, name: 'counter:nothing' })),
      ]
    },
  },
  {
    name: 'actions: call, and refuse bad input and unknown names',
    run: async (client) => [
      await client.callAction({ type: 'add', input: { a: 2, b: 3 } }),
      await outcome(() => client.callAction({ type: 'add', input: { a: 'two', b: 3 } })),
      await outcome(() => client.callAction({ type: 'subtract', input: {} })),
    ],
  },
]
