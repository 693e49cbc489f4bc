import fc from 'fast-check'
import { hostileNumber, hostileText, type Json } from './fuzz-requests.js'

// Request bodies that fit the fixture bot's definitions (`fixture-bot.ts`), for the fuzz suite: calls
// built from them get past the schema checks into the bot and its storage. One leaf in ten is hostile.

const often = <T extends Json>(arbitrary: fc.Arbitrary<T>): fc.Arbitrary<Json> => fc.oneof({ weight: 9, arbitrary }, { weight: 1, arbitrary: fc.oneof(hostileText, hostileNumber) })
const text = often(fc.oneof(fc.constantFrom('hi', 'menu', 'a', 'b', 'x', 'y', ''), fc.string({ maxLength: 20 })))
const topic = often(fc.constantFrom('x', 'y', 'z', 'billing'))
const number = often(fc.oneof(fc.integer({ min: -5, max: 5 }), fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })))
const count = often(fc.integer({ min: 0, max: 100 }))
const object = (fields: Record<string, fc.Arbitrary<Json>>, optional: readonly string[] = []): fc.Arbitrary<Json> =>
  fc.record(fields, { requiredKeys: Object.keys(fields).filter((key) => !optional.includes(key)) }).map((value): Json => ({ entries: Object.entries(value) as [string, Json][] }))
const list = (item: fc.Arbitrary<Json>, minLength = 0, maxLength = 4): fc.Arbitrary<Json> => fc.array(item, { minLength, maxLength }).map((items): Json => ({ list: items }))

const row = object({ title: text, score: number, topic }, [])
const column = fc.constantFrom('title', 'score', 'topic', 'id', 'createdAt')
const condition: fc.Arbitrary<Json> = fc.oneof(
  object({ title: text }),
  object({ score: object({ $gte: number, $lt: number }, ['$gte', '$lt']) }),
  object({ topic: object({ $in: list(topic, 0, 5) }) }),
  object({ topic: object({ $nin: list(topic, 0, 5) }) }),
  object({ score: object({ $ne: fc.oneof(number, fc.constant(null)) }) }),
)
const filter: fc.Arbitrary<Json> = fc.letrec<{ filter: Json }>((tie) => ({
  filter: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    condition,
    object({ $and: list(tie('filter'), 0, 3) }),
    object({ $or: list(tie('filter'), 0, 3) }),
    object({ $not: tie('filter') }),
  ),
})).filter
const orderBy = list(object({ column, direction: fc.constantFrom('asc', 'desc') }, ['direction']), 0, 2)
const page = { limit: often(fc.integer({ min: 1, max: 50 })), offset: often(fc.integer({ min: 0, max: 20 })) }
const rowIds = list(often(fc.integer({ min: 1, max: 20 })), 0, 5)
const tags = (name: string) => object({ [name]: fc.oneof(text, fc.constant(null)) }, [name])
const payload = fc.oneof(object({ name: text, visits: count }), object({ data: fc.oneof(text, number, row, list(text)) }), object({ count }))

/** Bodies by operation; messages go to the given conversation, as the given user. */
export function fixtureExamples(ids: { readonly conversationId: string; readonly userId: string }): Readonly<Record<string, fc.Arbitrary<Json>>> {
  const message = object({ type: fc.constant('text'), payload: object({ text }) })
  const into = (fields: Record<string, string>) => message.map((json): Json => ({ entries: [...Object.entries(fields), ...(json as { entries: [string, Json][] }).entries] }))
  return {
    createTableRows: object({ rows: list(row, 1, 5) }),
    findTableRows: object({ filter, orderBy, ...page }, ['filter', 'orderBy', 'limit', 'offset']),
    updateTableRows: fc.oneof(object({ filter, patch: object({ title: text, score: number, topic }, ['title', 'score', 'topic']) }), object({ ids: rowIds, patch: object({ score: number }) })),
    upsertTableRows: object({ rows: list(row, 1, 4), keyColumn: fc.constantFrom('title', 'topic') }),
    deleteTableRows: fc.oneof(object({ ids: rowIds }), object({ filter }), object({ all: fc.constant(true) })),
    aggregateTableRows: object({
      filter,
      groupBy: list(fc.constantFrom('topic', 'title'), 0, 2),
      aggregates: object({ n: object({ $count: fc.constant(true) }), total: object({ $sum: fc.constantFrom('score') }), low: object({ $min: column }) }, ['total', 'low']),
    }, ['filter']),
    setState: object({ payload, expiry: often(fc.integer({ min: 1, max: 3_600_000 })) }, ['expiry']),
    getOrSetState: object({ payload }),
    patchState: object({ payload }),
    createMessage: into({ conversationId: ids.conversationId, userId: ids.userId }),
    receiveMessage: into({ conversationId: ids.conversationId, userId: ids.userId }),
    sendWebchatMessage: fc.oneof(object({ type: fc.constant('text'), payload: object({ text }) }), object({ type: fc.constant('choice'), payload: object({ text, options: list(object({ label: text, value: text })) }) })),
    createEvent: object({ type: fc.constant('pinged'), payload: object({ note: text }), schedule: fc.oneof(object({ delayMs: often(fc.integer({ min: 0, max: 60_000 })) }), object({ at: fc.constant('2030-01-01T00:00:00Z') })) }, ['schedule']),
    startWorkflow: object({ name: fc.constant('onboarding'), input: object({ step: text }), timeoutMs: often(fc.integer({ min: 1, max: 60_000 })) }, ['timeoutMs']),
    updateWorkflow: object({ status: fc.constantFrom('in_progress', 'completed', 'failed', 'cancelled'), output: object({ done: fc.boolean() }), error: text }, ['status', 'output', 'error']),
    callAction: fc.oneof(object({ type: fc.constant('add'), input: object({ a: number, b: number }) }), object({ type: fc.constant('counter:bump'), input: object({ by: count }) })),
    getOrCreateUser: object({ id: text, name: text, tags: tags('plan') }, ['id', 'name', 'tags']),
    updateUser: object({ name: text, tags: tags('plan') }, ['name', 'tags']),
    getOrCreateConversation: object({ id: text, channel: fc.constantFrom('webchat', 'relay:line'), tags: tags('topic') }, ['id', 'channel', 'tags']),
    updateConversation: object({ tags: tags('topic') }),
    openWebchatSession: object({ name: text }, ['name']),
    handleWebhookPath: object({ from: text, text }),
  }
}
