import { describe, expect, it } from 'vitest'
import { BotLogger, type LogLine } from '../index.js'

describe('BotLogger', () => {
  it('writes lines that carry the ids given with with…(), leaving the original logger as it was', () => {
    const lines: LogLine[] = []
    const logger = new BotLogger({}, (line) => lines.push(line))
    const scoped = logger.withConversationId('c1').withUserId('u1').with({ attempt: 2 })
    scoped.info('sending', { to: 'agent' }, 3)
    scoped.forBot().warn(new Error('boom'))
    logger.error('plain')
    expect(lines.map((l) => [l.level, l.options])).toEqual([
      ['info', { conversationId: 'c1', userId: 'u1', attempt: 2 }],
      ['warn', { conversationId: 'c1', userId: 'u1', attempt: 2, audience: 'bot' }],
      ['error', {}],
    ])
    expect(lines[0]!.message).toBe('sending {"to":"agent"} 3')
    expect(lines[1]!.message).toMatch(/^Error: boom\n/)
  })

  it('logs values JSON cannot hold', () => {
    const lines: LogLine[] = []
    const cyclic: Record<string, unknown> = {}
    cyclic.self = cyclic
    new BotLogger({}, (line) => lines.push(line)).debug(cyclic, 10n, undefined)
    expect(lines[0]!.message).toBe('[object Object] 10 undefined')
  })
})
