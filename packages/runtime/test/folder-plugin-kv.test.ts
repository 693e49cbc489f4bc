import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BotDefinition, BotImplementation, createPlugin, manifestPlugin } from '@parley/sdk'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestBot, type TestBot } from '../src/testing/index.js'
import { createKvStore } from '../src/storage/index.js'
import { testDrivers, type TestDatabase } from '../src/storage/testing/test-databases.js'

// A plugin folder's `sdk.kv` (Python and TypeScript handlers): the per-plugin store every plugin has.

const root = mkdtempSync(join(tmpdir(), 'parley-folder-kv-'))
afterAll(() => rmSync(root, { recursive: true, force: true }))

const PYTHON = String.raw`
def on_message_received(event, sdk):
    text = event['message']
    if text == 'probe':
        return probe(event, sdk)
    if text == 'add':
        added = [sdk.kv.add('once', {'n': n}) for n in (1, 2)]
        return sdk.send_message(event['session_id'], 'add %r %r %r' % (added[0], added[1], sdk.kv.get('once')))
    count = sdk.kv.get('count', 0) + 1
    sdk.kv.set('count', count)
    sdk.kv.set('seen:' + event['message_id'], {'text': text, 'length': len(text)})
    if text == 'forget':
        for key in sdk.kv.keys('seen:'):
            sdk.kv.delete(key)
    long_ones = [v['text'] for v in sdk.kv.find({'length': {'$gte': 4}}, sort={'length': -1}, limit=5)]
    sdk.send_message(event['session_id'], 'py %d %s %d' % (count, ','.join(long_ones), sdk.kv.count({'length': {'$gte': 0}})))

def probe(event, sdk):
    answers = []
    for attempt in (lambda: sdk.kv.set('a\x00b', 1), lambda: sdk.kv.set('nan', float('nan')), lambda: sdk.kv.get('')):
        try:
            attempt()
            answers.append('stored')
        except Exception as error:
            answers.append(type(error).__name__ + ': ' + str(error))
    sdk.kv.set('__proto__', {'__proto__': 1})
    answers.append(repr(sdk.kv.get('__proto__')))
    answers.append(repr(sdk.kv.get('nothing', 'fallback')))
    sdk.kv.set('none', None)
    answers.append(repr(sdk.kv.get('none', 'fallback')))
    sdk.send_message(event['session_id'], ' | '.join(answers))
`

const TYPESCRIPT = `
interface Sdk {
  kv: { get<V>(key: string, fallback?: V): Promise<V>; set(key: string, value: unknown): Promise<void>; keys(prefix?: string): Promise<string[]> }
  send_message(session_id: string, text: string): Promise<unknown>
}
export async function on_message_received(event: { session_id: string; message: string }, sdk: Sdk): Promise<void> {
  const count = (await sdk.kv.get('count', 0)) + 1
  await sdk.kv.set('count', count)
  await sdk.kv.set('at', new Date('2026-01-02T03:04:05.000Z'))
  const at = await sdk.kv.get<Date>('at')
  await sdk.send_message(event.session_id, \`ts \${count} \${at instanceof Date ? at.toISOString() : 'not a date'} \${(await sdk.kv.keys()).join(',')}\`)
}
`

function folder(id: string, handler: string, source: string): string {
  const dir = join(root, id)
  mkdirSync(dir, { recursive: true })
  writeFileSync(join(dir, 'plugin.json'), JSON.stringify({ id, name: id, version: '1.0.0', description: 'Counts', events: ['message_received'] }))
  writeFileSync(join(dir, handler), source)
  return dir
}

/** A createPlugin plugin in the same bot, looking for the folders' keys in its own store. */
const neighbour = createPlugin({
  name: 'neighbour',
  version: '1.0.0',
  hooks: { 'message:received': async (context) => void (await context.api.db.set('peeked', await context.api.db.keys())) },
})

function composed() {
  const definition = new BotDefinition({})
  definition.addPlugin(manifestPlugin(folder('py_counter', 'handler.py', PYTHON)), {})
  definition.addPlugin(manifestPlugin(folder('ts_counter', 'handler.ts', TYPESCRIPT)), {})
  definition.addPlugin(neighbour, {})
  return { definition, implementation: new BotImplementation({ actions: {} }) }
}

describe.each(testDrivers().map((driver) => [driver.name, driver] as const))('a plugin folder\'s sdk.kv on %s', (name, driver) => {
  let database: TestDatabase
  let bot: TestBot
  beforeAll(async () => {
    database = await driver.open()
    bot = await createTestBot({ ...composed(), database: database.db, botId: `folder-kv-${name}` })
  })
  afterAll(async () => {
    await bot?.stop()
    await database?.dispose()
  })

  it('keeps each handler\'s values across messages and restarts, in the store every plugin has', async () => {
    const conversation = await bot.conversation()
    expect((await conversation.send('hi')).texts).toEqual(['py 1  1', 'ts 1 2026-01-02T03:04:05.000Z at,count'])
    expect((await conversation.send('hello')).texts).toEqual(['py 2 hello 2', 'ts 2 2026-01-02T03:04:05.000Z at,count'])
    bot = await bot.restart()
    expect((await (await bot.conversation()).send('forget')).texts).toEqual(['py 3  0', 'ts 3 2026-01-02T03:04:05.000Z at,count'])

    const store = (alias: string) => createKvStore(database.db, bot.runtime.botId, alias)
    expect(await store('py_counter').get('count')).toBe(3)
    expect(await store('py_counter').keys('seen:')).toEqual([])
    expect(await store('ts_counter').get('at')).toEqual(new Date('2026-01-02T03:04:05.000Z'))
    expect(await store('neighbour').get('peeked')).toEqual(['peeked'])
    expect(await createKvStore(database.db, 'another-bot', 'py_counter').keys()).toEqual([])
  })

  it('refuses what the store refuses, as an exception the Python handler can catch', async () => {
    const { texts, failures } = await (await bot.conversation()).send('probe')
    expect(failures).toEqual([])
    const [nul, nan, empty, proto, missing, none] = texts.find((text) => !text.startsWith('ts '))!.split(' | ')
    expect(nul).toMatch(/^PluginSDKError: .*key/)
    expect(nan).toMatch(/^PluginSDKError: sdk\.kv\.set: Out of range float values .*; pass JSON values/)
    expect(empty).toBe('PluginSDKError: a key must be a non-empty string')
    expect([proto, missing, none]).toEqual(["{'__proto__': 1}", "'fallback'", 'None'])
  })

  it('adds a key only when it holds no value, as the TypeScript store does', async () => {
    const { texts } = await (await bot.conversation()).send('add')
    expect(texts.filter((text) => text.startsWith('add '))).toEqual(["add True False {'n': 1}"])
    expect(await createKvStore(database.db, bot.runtime.botId, 'py_counter').get('once')).toEqual({ n: 1 })
  })
})
