import { describe, expect, it } from 'vitest'
import { z } from '../schema/zod.js'
import { createPlugin } from './create-plugin.js'

// Type checks: this file compiles only while each `@ts-expect-error` line is an error (the typecheck runs it).

const tracker = createPlugin({
  name: 'tracker',
  version: '1.0.0',
  kv: {
    settings: { schema: z.object({ retentionDays: z.number() }) },
    'conversations:*': { schema: z.object({ endedAt: z.date(), messages: z.number() }) },
  },
  hooks: {
    'conversation:end': async (context, conversationId) => {
      await context.api.db.set(`conversations:${conversationId}`, { endedAt: new Date(), messages: 3 })
      const settings = await context.api.db.get('settings')
      const days: number | undefined = settings?.retentionDays
      // @ts-expect-error a declared key holds its declared values only
      await context.api.db.set('settings', { retentionDays: 'thirty' })
      // @ts-expect-error a prefix's values too: `endedAt` is a Date
      await context.api.db.add(`conversations:${conversationId}`, { endedAt: 'yesterday', messages: 1 })
      // @ts-expect-error a key that is not declared does not compile
      await context.api.db.get('sessions:1')
      return days
    },
  },
  endpoints: [{
    method: 'GET', path: '/settings',
    handler: async (req, res) => {
      // @ts-expect-error endpoints see the same typed store
      await req.context.api.db.set('settings', { days: 1 })
      res.json(await req.context.api.db.get('settings'))
    },
  }],
  cronJobs: [{
    name: 'purge', schedule: '1d',
    handler: async (context) => {
      const ended = await context.api.db.find({ messages: { $gte: 0 } })
      // @ts-expect-error found values are the declared ones
      ended.map((value) => value.unknownField)
    },
  }],
})

createPlugin({
  name: 'loose',
  version: '1.0.0',
  onActivate: async (context) => {
    // Without a declaration, any key holds any JSON value.
    await context.api.db.set('anything', { at: new Date() })
    const value: unknown = await context.api.db.get('anything')
    return value
  },
})

describe('createPlugin kv', () => {
  it('puts the declared values in the plugin\'s definition, for parley gen to type', () => {
    expect(Object.keys(tracker.definition.kv)).toEqual(['settings', 'conversations:*'])
  })
})
