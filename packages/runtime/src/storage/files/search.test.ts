import { createHash } from 'node:crypto'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createFileStore, type FileStore } from './files.js'
import { PASSAGE_CHARS, passagesOf } from './passages.js'
import { openMigrated, STARTUP_TIMEOUT, testDrivers, type TestDatabase } from '../testing/test-databases.js'

const bytes = (text: string) => new TextEncoder().encode(text)
const search = { limit: 10, contextDepth: 0, consolidate: false }

// Each paragraph long enough to be a passage of its own.
const filler = ' Lorem ipsum dolor sit amet.'.repeat(20)
const faq = [
  'Resetting your password: open Settings, choose Security and press Reset password. A link is emailed to you.',
  'Billing happens monthly. Invoices are sent by email on the first day of each month.',
  'Our office is closed on public holidays; support answers tickets the next working day.',
].map((paragraph) => paragraph + filler).join('\n\n')

describe('cutting text into passages', () => {
  it('joins paragraphs while they fit and cuts a long one at a space, losing no word', () => {
    const long = Array.from({ length: 400 }, (_, n) => `word${n}`).join(' ')
    const passages = passagesOf(`short one\n\n${long}\n\n\n  tail  `)
    expect(passages.every((passage) => passage.length <= PASSAGE_CHARS)).toBe(true)
    expect(passages.join(' ').split(/\s+/)).toEqual(['short', 'one', ...long.split(' '), 'tail'])
    expect(passagesOf('')).toEqual([])
  })
})

describe.each(testDrivers())('file search on $name', (driver) => {
  let testDb: TestDatabase
  let files: FileStore
  beforeAll(async () => {
    testDb = await openMigrated(driver)
    files = createFileStore(testDb.db, 'bot-s')
  }, STARTUP_TIMEOUT)
  afterAll(() => testDb.dispose())

  it('finds the passages of indexed text files by their words, stemmed, best first, with scores from 0 to 1', async () => {
    const file = await files.put({ key: 'faq.md', content: bytes(faq), contentType: 'text/markdown', index: true, tags: { kb: 'help' } })
    expect(file).toMatchObject({ status: 'indexing_completed', index: true })
    await files.put({ key: 'private.md', content: bytes('reset password secrets'), contentType: 'text/markdown' })

    const hits = await files.search({ ...search, query: 'How do I reset my passwords?' })
    expect(hits.map((hit) => hit.file.key)).toEqual(['faq.md'])
    expect(hits[0]).toMatchObject({ position: 0, content: expect.stringContaining('Reset password'), file: { id: file.id, tags: { kb: 'help' } } })
    expect(hits[0]!.score).toBeGreaterThan(0)
    expect(hits[0]!.score).toBeLessThan(1)

    const both = await files.search({ ...search, query: 'email invoices' })
    expect(both.map((hit) => hit.position)).toEqual([1, 0])
    expect(both[0]!.score).toBeGreaterThan(both[1]!.score)
  })

  it('filters by tags, adds context, consolidates per file, and finds nothing for stop words or another bot', async () => {
    await files.put({ key: 'kb/holidays.txt', content: bytes(faq), contentType: 'text/plain', index: true, tags: { kb: 'other' } })
    expect((await files.search({ ...search, query: 'holidays', tags: { kb: 'other' } })).map((hit) => hit.file.key)).toEqual(['kb/holidays.txt'])
    const [withContext] = await files.search({ ...search, query: 'holidays', tags: { kb: 'other' }, contextDepth: 1 })
    expect(withContext!.content).toContain('Billing happens monthly')
    const consolidated = await files.search({ ...search, query: 'email holidays', tags: { kb: 'other' }, consolidate: true })
    expect(consolidated).toHaveLength(1)
    expect(consolidated[0]!.content).toMatch(/emailed[\s\S]*Invoices[\s\S]*holidays/)
    expect(await files.search({ ...search, query: 'the and of' })).toEqual([])
    expect(await files.search({ ...search, query: "'); DROP TABLE parley_files; -- & | !" })).toEqual([])
    expect(await createFileStore(testDb.db, 'bot-other').search({ ...search, query: 'holidays' })).toEqual([])
  })

  it('re-indexes replaced content, drops passages with the file, and reports content it cannot index', async () => {
    const file = await files.put({ key: 'changing.txt', content: bytes('apples and pears'), contentType: 'text/plain', index: true })
    await files.put({ key: 'changing.txt', content: bytes('bananas only'), contentType: 'text/plain', index: true })
    expect(await files.search({ ...search, query: 'apples' })).toEqual([])
    expect((await files.search({ ...search, query: 'bananas' })).map((hit) => hit.file.id)).toEqual([file.id])
    await files.delete(file.id)
    expect(await files.search({ ...search, query: 'bananas' })).toEqual([])

    const image = await files.put({ key: 'logo.png', content: new Uint8Array([137, 80, 78, 71, 0]), contentType: 'image/png', index: true })
    expect(image).toMatchObject({ status: 'indexing_failed', failedStatusReason: expect.stringContaining('image/png') })
    const nul = await files.put({ key: 'nul.txt', content: bytes('zebra\u0000crossing'), contentType: 'text/plain', index: true })
    expect(nul.status).toBe('indexing_completed')
    expect((await files.search({ ...search, query: 'zebracrossing' })).map((hit) => hit.file.key)).toEqual(['nul.txt'])
  })

  it('stores an upload only with the right, unexpired token, once', async () => {
    const hash = (token: string) => createHash('sha256').update(token).digest('hex')
    const later = new Date(Date.now() + 60_000)
    const file = await files.put({ key: 'upload.txt', contentType: 'text/plain', index: true, upload: { tokenHash: hash('right'), expiresAt: later } })
    expect(await files.upload(file.id, hash('wrong'), bytes('x'))).toBe('token_invalid')
    expect(await files.upload('file_missing', hash('right'), bytes('x'))).toBe('not_found')
    expect((await files.get(file.id))!.status).toBe('upload_pending')
    expect(await files.upload(file.id, hash('right'), bytes('giraffes'))).toMatchObject({ status: 'indexing_completed', size: 8 })
    expect(await files.upload(file.id, hash('right'), bytes('again'))).toBe('token_invalid')
    expect((await files.search({ ...search, query: 'giraffe' })).map((hit) => hit.file.key)).toEqual(['upload.txt'])

    const stale = await files.put({ key: 'stale.txt', contentType: 'text/plain', upload: { tokenHash: hash('old'), expiresAt: new Date(Date.now() - 1000) } })
    expect(await files.upload(stale.id, hash('old'), bytes('x'))).toBe('token_expired')
    expect(await files.read(stale.id)).toBeUndefined()
  })
})
