import { BotImplementation } from '@parley/sdk'

const bot = new BotImplementation({ actions: {} })

bot.on.message('text', async ({ message, client, ctx }) => {
  await client.createMessage({ conversationId: ctx.conversationId, type: 'text', payload: { text: message.payload.text } })
})

export default bot
