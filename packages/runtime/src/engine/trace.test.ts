import { describe, expect, it } from 'vitest'
import { recordStep, startTrace, TRACE_ERROR_LIMITS, TRACE_STEP_LIMIT, traceDocument, traceError } from './trace.js'

describe('what a trace keeps of an error', () => {
  it('keeps a short message and stack as they are, NUL, lone surrogates and all', () => {
    const error = new Error('bad \u0000 \ud800 __proto__')
    expect(traceError(error)).toEqual({ message: 'bad \u0000 \ud800 __proto__', stack: error.stack })
    expect(traceError('plain')).toEqual({ message: 'plain' })
  })

  it('cuts a huge message and stack to their bounds, saying how much was left out', () => {
    const error = new Error('m'.repeat(1_000_000))
    error.stack = 's'.repeat(5_000_000)
    const kept = traceError(error)
    expect(kept.message).toMatch(/^m{1000}… \(999000 more characters\)$/)
    expect(kept.stack).toMatch(/^s{4000}… \(4996000 more characters\)$/)
    expect(traceError('x'.repeat(2 * TRACE_ERROR_LIMITS.message)).message.length).toBeLessThan(TRACE_ERROR_LIMITS.message + 40)
  })

  it('never cuts a surrogate pair in two', () => {
    const message = `${'a'.repeat(TRACE_ERROR_LIMITS.message - 1)}😀😀`
    expect(traceError(message).message).toBe(`${'a'.repeat(TRACE_ERROR_LIMITS.message - 1)}… (4 more characters)`)
  })

  it('records a thrown value whose conversion to text throws, without throwing', () => {
    const hostile = { toString: () => { throw new Error('no') } }
    expect(traceError(hostile)).toEqual({ message: '(a value that cannot be shown as text)' })
    expect(traceError(Object.create(null))).toEqual({ message: '(a value that cannot be shown as text)' })
  })
})

describe('how many steps a trace keeps', () => {
  const read = (index: number) => ({ kind: 'stateRead', stateType: 'user', id: 'u', name: `n${index}`, startMs: index / 1000 }) as const
  const failed = (index: number) => ({ kind: 'action', owner: 'bot', name: `a${index}`, startMs: 2 + index / 1000, durationMs: 0, result: 'error', error: { message: 'no' } }) as const

  it("keeps a turn's first steps and ends its trace with how many more there were", () => {
    const trace = startTrace('call', {})
    for (let index = 0; index < 1_000_000; index++) recordStep(trace, read(index))
    const steps = traceDocument(trace)[8] as readonly { kind: string; name?: string; count?: number }[]
    expect(steps).toHaveLength(TRACE_STEP_LIMIT + 1)
    expect(steps[TRACE_STEP_LIMIT - 1]).toMatchObject({ kind: 'stateRead', name: `n${TRACE_STEP_LIMIT - 1}` })
    expect(steps[TRACE_STEP_LIMIT]).toMatchObject({ kind: 'omitted', count: 1_000_000 - TRACE_STEP_LIMIT })
  })

  it('keeps failed steps past the bound, a hundred at most', () => {
    const trace = startTrace('call', {})
    for (let index = 0; index < TRACE_STEP_LIMIT + 10; index++) recordStep(trace, read(index))
    for (let index = 0; index < 500; index++) recordStep(trace, failed(index))
    const steps = traceDocument(trace)[8] as readonly { kind: string; name?: string; count?: number }[]
    expect(steps.filter((step) => step.kind === 'action').map((step) => step.name)).toEqual(Array.from({ length: 100 }, (_, index) => `a${index}`))
    expect(steps.at(-1)).toMatchObject({ kind: 'omitted', count: 10 + 400 })
  })

  it('adds nothing to a trace within the bound', () => {
    const trace = startTrace('call', {})
    recordStep(trace, read(0))
    expect(traceDocument(trace)[8]).toEqual([read(0)])
  })

  it("keeps what a turn stored as it was when the turn ended, whatever is recorded after", () => {
    const trace = startTrace('call', {})
    recordStep(trace, read(1))
    const row = traceDocument(trace)
    recordStep(trace, read(0))
    trace.failed = true
    expect(row[8]).toEqual([read(1)])
    expect(row[7]).toBe(false)
  })
})
