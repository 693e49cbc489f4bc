import { BotDefinition, z } from '@parley/sdk'
import journal from '@parley/plugin-journal'
import moderation from '@parley/plugin-moderation'

const bot = new BotDefinition({
  states: {
    lastEntry: { type: 'conversation', schema: z.object({ entryId: z.number(), text: z.string() }) },
  },
  workflows: {
    // Started by a message saying "digest"; it answers with what the user's journal holds, and completes.
    digest: {
      input: { schema: z.object({ userId: z.string() }) },
      output: { schema: z.object({ entries: z.number() }) },
    },
  },
})

bot.addPlugin(journal, { configuration: { maxLength: 80 } })
bot.addPlugin(moderation, { configuration: { blockedWords: ['spam'], signature: '— the Parley demo bot' } })

export default bot
