import { describe, expect, it } from 'vitest'
import { DefinitionError, PluginDefinition, z } from '../src/index.js'

const events = { tick: { schema: z.object({}) } }
const withSchedule = (schedule: unknown) => () =>
  new PluginDefinition({ name: 'p', version: '1.0.0', events, recurringEvents: { r: { type: 'tick', payload: {}, schedule: schedule as { cron: string } } } })

describe('a recurring event schedule of the wrong shape', () => {
  it('says the shape to write, naming the field', () => {
    for (const schedule of ['5m', '0 9 * * *', 42, ['5m']]) {
      expect(withSchedule(schedule)).toThrow(DefinitionError)
      expect(withSchedule(schedule)).toThrow('plugin "p", recurringEvents.r.schedule: write the schedule as an object: { cron: "0 9 * * *" } or { cron: "5m", timezone: "Europe/Paris" }')
    }
  })
})
