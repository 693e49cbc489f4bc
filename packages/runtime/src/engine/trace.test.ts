import { describe, expect, it } from 'vitest'
import { TRACE_ERROR_LIMITS, traceError } from './trace.js'

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
