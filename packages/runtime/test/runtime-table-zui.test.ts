import { BotDefinition, BotImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

describe('createTable with a schema as Botpress writes one', () => {
  it('accepts x-zui, nullable and searchable on columns and keeps them in the stored schema', async () => {
    const bot = await createTestBot({ definition: new BotDefinition({}), implementation: new BotImplementation({ actions: {} }) })
    const schema = {
      type: 'object',
      'x-zui': {},
      properties: {
        question: { type: 'string', nullable: true, 'x-zui': { index: 0, searchable: true, title: 'Question', hidden: false } },
        count: { type: 'number', 'x-zui': { index: 1 } },
      },
    }
    const { table } = await bot.client.createTable({ name: 'QuestionTable', schema })
    expect(table.schema).toMatchObject({ properties: { question: { 'x-zui': { searchable: true, title: 'Question' } }, count: { type: 'number' } } })
    await bot.stop()
  })
})
