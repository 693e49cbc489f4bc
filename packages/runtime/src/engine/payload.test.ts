import { z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { parsePayload } from './payload.js'

describe('parsePayload', () => {
  const schema = z.object({ name: z.string(), count: z.number().default(1), nested: z.object({ ok: z.boolean() }).optional() })

  it('returns the parsed value with defaults applied', () => {
    expect(parsePayload(schema, { name: 'a' }, 'x')).toEqual({ name: 'a', count: 1 })
  })

  it('names the subject and the field in the error', () => {
    expect(() => parsePayload(schema, { name: 1 }, 'action "analytics:trackEvent" input')).toThrow(
      'action "analytics:trackEvent" input.name: Expected string, received number',
    )
  })

  it('lists every failing field, dotted from the root', () => {
    expect(() => parsePayload(schema, { nested: { ok: 'no' } }, 'event "e" payload')).toThrow(
      'event "e" payload.name: Required; event "e" payload.nested.ok: Expected boolean, received string',
    )
  })

  it('reports a wrong root without a path', () => {
    expect(() => parsePayload(schema, 'text', 'state "s" payload')).toThrow('state "s" payload: Expected object, received string')
  })
})
