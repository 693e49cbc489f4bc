import { PluginImplementation } from '@parley/sdk'
import definition from '../plugin.definition.js'

/** What a message reads as in the journal: its text, or its type for messages without one. */
function entryText(message: { type: string; payload: unknown }, maxLength: number): string {
  const text = (message.payload as { text?: unknown }).text
  return (typeof text === 'string' ? text : `[${message.type}]`).slice(0, maxLength)
}

export default new PluginImplementation({
  definition,
  actions: {
    summary: async ({ input, tables }) => {
      const filter = input.userId ? { userId: input.userId } : {}
      const { rows } = await tables.journalEntries.aggregate({ filter, groupBy: ['userId'], aggregates: { entries: { $count: true } } })
      return { entries: rows.reduce((sum: number, row: { entries: unknown }) => sum + Number(row.entries), 0), users: rows.length }
    },
  },
  on: (plugin) => {
    plugin.message('*', async ({ message, configuration, tables, events }) => {
      const text = entryText(message, configuration.maxLength)
      const { rows } = await tables.journalEntries.createRows([{ userId: message.userId, conversationId: message.conversationId, type: message.type, text }])
      await events.entryRecorded.emit({ entryId: rows[0].id, userId: message.userId, text })
    })
  },
})
