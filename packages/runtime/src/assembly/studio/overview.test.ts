import { BotDefinition, IntegrationDefinition, PluginDefinition, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { botOverview, MASK, masked } from './overview.js'

describe("a bot's overview", () => {
  it('masks declared secrets and values under credential-like names, at any depth, keeping the rest', () => {
    const config = JSON.parse('{"apiKey":"sk-1","region":"eu","nested":{"password":"p","port":5432},"list":[{"token":"t"}],"__proto__":{"x":1}}')
    const out = masked(config, new Set(['region']))
    expect(out).toEqual({ apiKey: MASK, region: MASK, nested: { password: MASK, port: 5432 }, list: [{ token: MASK }], ['__proto__']: { x: 1 } })
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype)
  })

  it("lists the packages with their versions and masked configuration, and each plugin's admin pages", () => {
    const crm = new IntegrationDefinition({
      name: 'crm', version: '3.2.1', configuration: { schema: z.object({ accountSecret: z.string(), workspace: z.string() }) },
    })
    const stats = new PluginDefinition({ name: 'stats', version: '0.4.0', configuration: { schema: z.object({ webhookToken: z.string() }) } })
    Object.assign(stats, { adminPages: [{ path: '/stats', title: 'Stats' }] })
    const bot = new BotDefinition({ states: { mood: { type: 'user', schema: z.object({ happy: z.boolean().title('Happy?').displayAs({ id: 'switch' }) }), expiry: 60_000 } } })
    bot.addIntegration({ definition: crm }, { alias: 'crm', configuration: { accountSecret: 's3cret', workspace: 'acme' } })
    bot.addPlugin({ definition: stats }, { alias: 'numbers', configuration: { webhookToken: 'tok' } })
    const overview = botOverview(bot)
    expect(overview.integrations).toEqual([{ alias: 'crm', name: 'crm', version: '3.2.1', configuration: { accountSecret: MASK, workspace: 'acme' }, adminPages: [] }])
    expect(overview.plugins).toEqual([{ alias: 'numbers', name: 'stats', version: '0.4.0', configuration: { webhookToken: MASK }, adminPages: [{ path: '/stats', title: 'Stats' }] }])
    expect(overview.states).toEqual([{ name: 'mood', type: 'user', expiryMs: 60_000, schema: expect.objectContaining({ required: ['happy'] }) }])
    // The form labels and widgets a person edits the state with.
    expect(overview.states[0]!.schema).toMatchObject({ properties: { happy: { title: 'Happy?', 'x-zui': { displayAs: { id: 'switch' } } } } })
  })
})
