import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileStore, type FileStore } from './files.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

const bytes = (text: string) => new TextEncoder().encode(text)

describe.each(testDrivers())('files on $name', (driver) => {
  let testDb: TestDatabase
  let files: FileStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    files = createFileStore(testDb.db, 'bot-a')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('stores content byte for byte under a key, and replaces it under the same key', async () => {
    const binary = new Uint8Array([0, 255, 1, 254, 0, 10])
    const first = await files.put({ key: 'docs/a.bin', content: binary, contentType: 'application/octet-stream', tags: { source: 'sync' } })
    expect(first).toMatchObject({ key: 'docs/a.bin', size: 6, status: 'upload_completed', tags: { source: 'sync' }, index: false })
    expect((await files.read(first.id))?.content).toEqual(binary)
    const second = await files.put({ key: 'docs/a.bin', content: bytes('héllo'), contentType: 'text/plain', tags: { lang: 'fr' } })
    expect(second).toMatchObject({ id: first.id, size: 6, contentType: 'text/plain', tags: { source: 'sync', lang: 'fr' } })
    expect(new TextDecoder().decode((await files.read(first.id))!.content)).toBe('héllo')
    expect(await createFileStore(testDb.db, 'bot-b').get(first.id)).toBeUndefined()
  })

  it('keeps a file made without content pending until its content is written', async () => {
    const pending = await files.put({ key: 'later.txt', size: 3, contentType: 'text/plain' })
    expect(pending).toMatchObject({ status: 'upload_pending', size: 3 })
    expect(await files.read(pending.id)).toBeUndefined()
    expect(await files.write(pending.id, bytes('abc'))).toMatchObject({ status: 'upload_completed', size: 3 })
    expect(await files.write('file_missing', bytes('x'))).toBeUndefined()
  })

  it('lists by tags and deletes', async () => {
    const store = createFileStore(testDb.db, 'bot-list')
    const kept = await store.put({ key: 'one', content: bytes('1'), contentType: 'text/plain', tags: { kind: 'faq' } })
    await store.put({ key: 'two', content: bytes('2'), contentType: 'text/plain', tags: { kind: 'other' } })
    expect((await store.list({ tags: { kind: 'faq' } })).items.map((file) => file.key)).toEqual(['one'])
    expect(await store.delete(kept.id)).toBe(true)
    expect(await store.delete(kept.id)).toBe(false)
    expect((await store.list()).items.map((file) => file.key)).toEqual(['two'])
  })
})
