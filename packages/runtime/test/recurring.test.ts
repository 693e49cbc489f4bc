import { BotDefinition, BotImplementation, PluginDefinition, PluginImplementation, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const scheduler = new PluginDefinition({
  name: 'scheduler', version: '1.0.0',
  events: { dailyReport: { schema: z.object({ date: z.string() }) } },
  recurringEvents: { dailyReport: { type: 'dailyReport', payload: { date: 'today' }, schedule: { cron: '0 9 * * *', timezone: 'Europe/Paris' } } },
})

function composed(trace: string[]) {
  const definition = new BotDefinition({
    events: { tick: { schema: z.object({}) } },
    recurringEvents: { tick: { type: 'tick', payload: {}, schedule: { cron: '5m' } } },
  })
  const plugin = new PluginImplementation({ actions: {}, on: (on) => on.event('dailyReport', ({ event }) => void trace.push(`report ${event.payload.date}`)) })
  definition.addPlugin({ definition: scheduler, implementation: plugin }, {})
  const implementation = new BotImplementation({ actions: {} })
  implementation.on.event('tick', () => void trace.push('tick'))
  return { definition, implementation }
}

describe('recurring events', () => {
  it('fire on their shorthand interval', async () => {
    const trace: string[] = []
    const bot = await createTestBot(composed(trace))
    // The clock starts now: the daily report falls due too when a run passes 9:00 in Paris.
    const ticks = () => trace.filter((entry) => entry === 'tick')
    await bot.advance('4m')
    expect(ticks()).toEqual([])
    await bot.advance('1m')
    expect(ticks()).toEqual(['tick'])
    await bot.advance('5m')
    expect(ticks()).toEqual(['tick', 'tick'])
    await bot.stop()
  })

  it('are scheduled by cron in their time zone, once per bot across restarts', async () => {
    const trace: string[] = []
    const bot = await createTestBot(composed(trace))
    let current = bot
    const jobs = async () => (await current.runtime.pendingJobs()).filter((job) => job.kind === 'recurringEvent')
    const [report] = (await jobs()).filter((job) => job.key === 'recurring:scheduler:dailyReport')
    const parisTime = new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Paris', hour: '2-digit', minute: '2-digit' }).format(new Date(report!.runAt))
    expect(parisTime).toBe('09:00')
    current = await bot.restart()
    expect(await jobs()).toHaveLength(2)
    expect((await jobs()).find((job) => job.key === report!.key)?.runAt).toBe(report!.runAt)
    await current.advance('1d')
    expect(trace.filter((line) => line.startsWith('report'))).toEqual(['report today'])
    await current.stop()
  })
})
