import { describe, expect, it } from 'vitest'
import { checkRequest, dictionary, filterProblem, inspectValue, LIMITS, ownValue, textProblem } from './index.js'

describe('text the database can store', () => {
  it('refuses NUL and lone surrogates, and nothing else', () => {
    expect(textProblem('a\u0000b')).toContain('NUL')
    expect(textProblem('\ud800')).toContain('lone UTF-16 surrogate')
    expect(textProblem('a\udc00')).toContain('lone UTF-16 surrogate')
    expect(textProblem('\udc00\ud800')).toContain('lone UTF-16 surrogate')
    expect([textProblem('emoji 😀 and accents é'), textProblem(''), textProblem('\\u0000 written out')]).toEqual([undefined, undefined, undefined])
  })
})

describe('inspectValue', () => {
  it('names every problem by its path, in keys and values', () => {
    expect(inspectValue({ a: ['ok', 'x\u0000'], ['k\ud800']: 1, n: Number.NaN }, 'body')).toEqual([
      { path: 'body.k\\ud800', message: expect.stringContaining('the key holds a lone UTF-16 surrogate') },
      { path: 'body.n', message: 'NaN is not a finite number; JSON cannot carry it' },
      { path: 'body.a.1', message: expect.stringContaining('NUL') },
    ])
  })

  it('measures nesting a million deep without recursing, and stops at the limit', () => {
    let deep: unknown = 'bottom'
    for (let i = 0; i < 1_000_000; i++) deep = [deep]
    const issues = inspectValue({ deep })
    expect(issues).toEqual([{ path: expect.stringMatching(/^deep(\.0)+$/), message: `nests arrays and objects more than ${LIMITS.depth} deep; flatten it` }])
    expect(inspectValue(nested(LIMITS.depth - 1))).toEqual([])
  })

  it('takes anything that is not an array or a plain object as a leaf', () => {
    expect(inspectValue({ when: new Date(0), bytes: Buffer.from([0]), fn: () => '\u0000' })).toEqual([])
  })

  it('keeps a hostile value to a bounded number of issues', () => {
    expect(inspectValue(Array.from({ length: 1000 }, () => '\u0000'))).toHaveLength(20)
  })
})

describe('filterProblem', () => {
  it('counts values and conditions across the whole filter', () => {
    const list = (length: number) => Array.from({ length }, (_, i) => i)
    expect(filterProblem({ a: { $in: list(LIMITS.filterValues) } })).toBeUndefined()
    expect(filterProblem({ a: { $in: list(LIMITS.filterValues + 1) } })).toContain(`more than ${LIMITS.filterValues}`)
    const halves = { $or: [{ a: { $in: list(LIMITS.filterValues / 2) } }, { b: { $nin: list(LIMITS.filterValues / 2) } }] }
    expect(filterProblem(halves)).toContain(`more than ${LIMITS.filterValues}`)
    expect(filterProblem({ $and: Array.from({ length: LIMITS.filterValues + 1 }, () => ({})) })).toContain(`more than ${LIMITS.filterValues}`)
  })

  it('refuses nesting past the limit, however deep, without recursing', () => {
    const not = (depth: number) => {
      let filter: unknown = { a: 1 }
      for (let i = 0; i < depth; i++) filter = { $not: filter }
      return filter
    }
    expect(filterProblem(not(LIMITS.filterDepth))).toBeUndefined()
    expect(filterProblem(not(LIMITS.filterDepth + 1))).toContain(`nest more than ${LIMITS.filterDepth} deep`)
    expect(filterProblem(not(1_000_000))).toContain('nest more than')
  })

  it('leaves shapes it does not understand to the compiler', () => {
    expect([filterProblem(undefined), filterProblem('x'), filterProblem({ $and: 'x' }), filterProblem([1, 2])]).toEqual([undefined, undefined, undefined, undefined])
  })
})

describe('own lookups and dictionaries', () => {
  it('find only own entries', () => {
    const record: Record<string, number> = { a: 1 }
    expect(['a', 'toString', '__proto__', 'constructor', 'hasOwnProperty'].map((key) => ownValue(record, key))).toEqual([1, undefined, undefined, undefined, undefined])
  })

  it('hold any key as data', () => {
    const object = dictionary<unknown>([['__proto__', { polluted: true }], ['constructor', 1]])
    expect(Object.getPrototypeOf(object)).toBeNull()
    expect(Object.keys(object)).toEqual(['__proto__', 'constructor'])
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined()
  })
})

describe('checkRequest', () => {
  // As every client method checks its request before it runs (`proxies/client.ts`).
  const check = async (request: unknown) => checkRequest('createMessage', request)

  it('refuses a request, naming the method and the fields', async () => {
    const request = { conversationId: 'c'.repeat(LIMITS.idLength + 1), type: 'text', payload: { text: 'a\u0000' }, tags: { ['prototype']: 'x' } }
    await expect(check(request)).rejects.toMatchObject({
      code: 'INPUT_INVALID',
      message: expect.stringMatching(/^createMessage request: payload\.text: holds a NUL/),
    })
    await expect(check({ ...request, payload: {} })).rejects.toMatchObject({
      issues: [
        { path: 'conversationId', message: `is ${LIMITS.idLength + 1} characters long; at most ${LIMITS.idLength} are allowed` },
        { path: 'tags.prototype', message: '"prototype" is a reserved name; choose another' },
      ],
    })
  })

  it('lets a good request through', async () => {
    await expect(check({ conversationId: 'c', type: 'text', payload: { text: 'fine', ['__proto__']: 'data' } })).resolves.toBeUndefined()
  })
})

function nested(depth: number): unknown {
  let value: unknown = 1
  for (let i = 0; i < depth; i++) value = { v: value }
  return value
}
