import { BotDefinition, BotImplementation } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { createTestBot } from '../src/testing/index.js'

const bot = (publicUrl?: string) =>
  createTestBot({ definition: new BotDefinition({}), implementation: new BotImplementation({ actions: {} }), ...(publicUrl === undefined ? {} : { publicUrl }) })

describe("a file's url", () => {
  it('is absolute, with its upload URL, under the public URL the runtime is given', async () => {
    const test = await bot('https://bots.example.com/parley/')
    try {
      const path = (id: string) => `/v1/bots/${test.runtime.botId}/files/${id}/content`
      const { file } = await test.client.uploadFile({ key: 'a.txt', content: 'a' })
      expect(file.url).toBe(`https://bots.example.com/parley${path(file.id)}`)
      const { file: pending } = await test.client.upsertFile({ key: 'b.txt', size: 1 })
      expect(pending.uploadUrl).toMatch(new RegExp(`^https://bots\\.example\\.com/parley${path(pending.id)}\\?token=[\\w-]+$`))
    } finally {
      await test.stop()
    }
  })

  it('stays a server path when the runtime does not know its public URL', async () => {
    const test = await bot()
    try {
      const { file } = await test.client.uploadFile({ key: 'a.txt', content: 'a' })
      expect(file.url).toBe(`/v1/bots/${test.runtime.botId}/files/${file.id}/content`)
    } finally {
      await test.stop()
    }
  })

  it('refuses a public URL that is not an absolute http(s) address, saying what to give', async () => {
    for (const given of ['bots.example.com', 'ftp://bots.example.com', 'https://bots.example.com/?a=1']) {
      await expect(bot(given)).rejects.toMatchObject({ code: 'PUBLIC_URL_INVALID', message: expect.stringContaining('such as https://bots.example.com') })
    }
  })
})
