import { describe, expect, it } from 'vitest'
import { BotDefinition } from '../definitions/bot-definition.js'
import { createPlugin } from './create-plugin.js'

describe('createPlugin', () => {
  it('makes a package a bot adds, whose states, events and actions carry the alias', () => {
    const plugin = createPlugin({ name: 'data-plugin', version: '1.0.0', cronJobs: [{ name: 'hourly-sync', schedule: '1h', handler: () => undefined }] })
    expect(plugin).toMatchObject({ type: 'plugin', name: 'data-plugin', version: '1.0.0' })
    const bot = new BotDefinition({}).addPlugin(plugin, { alias: 'data' })
    expect(Object.keys(bot.events).sort()).toEqual(['data:conversationEnded', 'data:cronJob', 'data:pluginEvent'])
    expect(bot.recurringEvents['data:cron_hourly_sync']).toMatchObject({ type: 'data:cronJob', payload: { job: 'hourly-sync' } })
  })

  it('refuses a schedule it cannot read, naming the job', () => {
    expect(() => createPlugin({ name: 'p', version: '1.0.0', cronJobs: [{ name: 'nightly', schedule: 'every night', handler: () => undefined }] }))
      .toThrow(/recurringEvents\.cron_nightly.*"every night" is neither a cron expression/)
    expect(() => createPlugin({ name: 'p', version: '1.0.0', cronJobs: [{ name: 'x', schedule: '1h', timezone: 'Mars/Olympus', handler: () => undefined }] }))
      .toThrow(/Mars\/Olympus/)
  })

  it('refuses a name that cannot be a plugin name', () => {
    expect(() => createPlugin({ name: 'no spaces', version: '1.0.0' })).toThrow(/plugin "no spaces"/)
  })

  it('takes the webhook secrets as configuration, and no other unless declared', () => {
    const plugin = createPlugin({ name: 'hooks', version: '1.0.0' })
    expect(plugin.definition.configuration.schema.parse({})).toEqual({ webhookSecrets: {} })
    expect(() => plugin.definition.configuration.schema.parse({ webhookSecrets: { github: '' } })).toThrow()
  })
})
