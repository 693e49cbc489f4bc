import { PluginImplementation } from '@parley/sdk'
import definition from '../plugin.definition.js'

/** What a message reads as in the journal: its text, or its type for messages without one. */
function entryText(message: { type: string; payload: unknown }, maxLength: number): string {
  const text = (message.payload as { text?: unknown }).text
  return (typeof text === 'string' ? text : `[${message.type}]`).slice(0, maxLength)
}

/**
 * The journal's page in the dashboard. Its script says whether it can reach the page that shows it: inside
 * Parley Studio it runs sandboxed, so it cannot.
 */
const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Journal</title></head><body>
<h1>Journal</h1><p>Every message the bot receives is written to the <code>journalEntries</code> table; browse it under Tables.</p>
<p id="frame">This page runs on its own.</p>
<script>
  const note = document.getElementById('frame')
  if (window.parent !== window) {
    try { note.textContent = 'Shown inside ' + window.parent.document.title }
    catch { note.textContent = 'Shown in a sandboxed frame.' }
  }
</script></body></html>`

export default new PluginImplementation({
  definition,
  pages: [{ path: 'overview', title: 'Journal', icon: '✎', group: 'Journal', html: PAGE }],
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
