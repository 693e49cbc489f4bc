import { describe, expect, it } from 'vitest'
import { conversationTimeout } from './listen-options.js'

describe('PARLEY_CONVERSATION_TIMEOUT', () => {
  it('reads a duration, and nothing when absent', () => {
    expect(conversationTimeout({ PARLEY_CONVERSATION_TIMEOUT: '30m' })).toEqual({ inactivityMs: 1_800_000 })
    expect(conversationTimeout({ PARLEY_CONVERSATION_TIMEOUT: ' 2d ' })).toEqual({ inactivityMs: 172_800_000 })
    expect(conversationTimeout({})).toEqual({})
  })

  it('refuses what is not one, naming the variable', () => {
    for (const text of ['30', '0m', 'soon', '1e308d', '-5m']) {
      expect(() => conversationTimeout({ PARLEY_CONVERSATION_TIMEOUT: text })).toThrow(expect.objectContaining({ code: 'CONVERSATION_TIMEOUT_INVALID', message: expect.stringContaining('PARLEY_CONVERSATION_TIMEOUT') }))
    }
  })
})
