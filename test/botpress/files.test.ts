import { BotDefinition, BotImplementation } from '@parley/sdk'
import { createTestBot } from '@parley/runtime/testing'
import { describe, expect, it } from 'vitest'
import fileSync from '../../packages/cli/test/fixtures/projects/botpress-files/plugin.definition.js'
import { drive } from './support/drive.js'
import { fixturePlugin } from './support/fixtures.js'

const implementation = await fixturePlugin('botpress-files')

// The file-synchronizer-style fixture plugin (workflows with tags, file events, the bot's files), on a
// bot whose `files-readonly` interface is backed by a drive.

async function start() {
  const service = drive({ 'faq.md': '# FAQ', 'notes.txt': 'remember' })
  const definition = new BotDefinition({})
    .addIntegration(service, { alias: 'drive' })
    .addPlugin({ definition: fileSync, implementation }, { alias: 'sync', configuration: { folderId: 'root' }, dependencies: { 'files-readonly': { integrationAlias: 'drive' } } })
  return createTestBot({ definition, implementation: new BotImplementation({ actions: {} }), integrations: { drive: service.implementation } })
}

describe('a Botpress file-synchronizer-style plugin', () => {
  it('starts a tagged workflow that lists the folder, uploads each file and completes with its output', async () => {
    const bot = await start()
    try {
      const { jobId } = await bot.callAction('sync:syncFolder', {})
      expect(jobId).toMatch(/^job-\d+$/)
      const { workflows } = await bot.client.listWorkflows({ name: 'processQueue' })
      expect(workflows).toEqual([expect.objectContaining({ status: 'completed', tags: { syncJobId: jobId }, output: { synced: 2, failed: 0 } })])
      const { files } = await bot.client.listFiles({ tags: { source: 'sync' } })
      expect(files.map((file) => file.key).sort()).toEqual(['sync/id-faq.md', 'sync/id-notes.txt'])
      expect(files[0]!.url).toBe(`/v1/bots/${bot.runtime.botId}/files/${files[0]!.id}/content`)
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })

  it('copies a created file into the bot\'s files and a table, and deletes it when the file is deleted', async () => {
    const bot = await start()
    try {
      const file = { id: 'id-faq.md', type: 'file' as const, name: 'faq.md', absolutePath: '/faq.md' }
      await bot.emit('drive:fileCreated', { file })
      const [row] = await bot.rows('syncedFiles')
      expect(row).toMatchObject({ externalId: 'id-faq.md', path: '/faq.md' })
      expect((await bot.client.getFile({ id: row!.fileId })).file).toMatchObject({ key: '/faq.md', size: 5, status: 'upload_completed' })

      await bot.client.uploadFile({ key: 'sync/id-faq.md', content: 'old copy', tags: { source: 'sync' } })
      await bot.emit('drive:fileDeleted', { file })
      expect((await bot.client.listFiles({ tags: { source: 'sync' } })).files).toEqual([])
      expect(await bot.failures()).toEqual([])
    } finally {
      await bot.stop()
    }
  })
})
