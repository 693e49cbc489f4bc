import { describe, expect, it } from 'vitest'
import type * as bp from '../.parley'
import definition from '../bot.definition'
import { greet } from '../plugins/greeter/src/index'
import { replyToText } from '../src/index'

/** Props for a text message whose client runs the plugin's action as the bot would, with its configuration. */
function textMessage(text: string) {
  const sent: bp.TextMessage[] = []
  const configuration = definition.plugins.greeter!.configuration
  const client = {
    async callAction({ type, input }: { type: string; input: { name: string } }) {
      if (type !== 'greeter:greet') throw new Error(`unexpected action ${type}`)
      return greet({ input, configuration } as unknown as Parameters<typeof greet>[0])
    },
    async createMessage(message: { payload: bp.TextMessage }) {
      sent.push(message.payload)
      return { message }
    },
  }
  const message = { type: 'text', payload: { text }, userId: 'user-1', conversationId: 'conversation-1' }
  return { props: { message, client } as unknown as bp.MessageHandlerProps<'text'>, sent }
}

describe('the bot with the greeter plugin', () => {
  it('names the plugin\'s action with its alias', () => {
    expect(Object.keys(definition.actions)).toEqual(['greeter:greet'])
  })

  it('replies with the plugin\'s greeting, configured by the bot', async () => {
    const { props, sent } = textMessage('Ada')
    await replyToText(props)
    expect(sent).toEqual([{ text: 'Welcome, Ada!' }])
  })
})
