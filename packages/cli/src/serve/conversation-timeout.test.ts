import { describe, expect, it } from 'vitest'
import { conversationTimeout, publicUrl } from './session-env.js'

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

describe('PARLEY_PUBLIC_URL', () => {
  it('reads an http(s) address, and nothing when absent or empty', () => {
    expect(publicUrl({ PARLEY_PUBLIC_URL: ' https://bots.example.com/support ' })).toEqual({ publicUrl: 'https://bots.example.com/support' })
    expect(publicUrl({ PARLEY_PUBLIC_URL: '' })).toEqual({})
    expect(publicUrl({})).toEqual({})
  })

  it('refuses what is not one, naming the variable', () => {
    for (const text of ['bots.example.com', 'ftp://bots.example.com', 'https://bots.example.com/?a=1', 'https://bots.example.com/#x', 'javascript:alert(1)', '\0']) {
      expect(() => publicUrl({ PARLEY_PUBLIC_URL: text })).toThrow(expect.objectContaining({ code: 'PUBLIC_URL_INVALID', message: expect.stringContaining('PARLEY_PUBLIC_URL') }))
    }
  })
})
