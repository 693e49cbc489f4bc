import { describe, expect, it } from 'vitest'
import type * as bp from '../.parley'
import { greet, replyToText } from '../src/index'

/** A state kept in memory, with the two methods the handler uses. */
function memoryState<T>() {
  const values = new Map<string, T>()
  const record = (id: string) => ({ state: { payload: values.get(id)! } })
  return {
    async getOrSet({ id, payload }: { id: string; payload: T }) {
      if (!values.has(id)) values.set(id, payload)
      return record(id)
    },
    async set({ id, payload }: { id: string; payload: T }) {
      values.set(id, payload)
      return record(id)
    },
  }
}

/** Props for a text message, with only what the handlers use; `sent` collects the replies. */
function textMessage(text: string) {
  const sent: bp.TextMessage[] = []
  const configuration = { greeting: 'Hello' }
  const props = {
    message: { type: 'text', payload: { text }, userId: 'user-1', conversationId: 'conversation-1' },
    configuration,
    states: { visits: memoryState<{ count: number }>() },
    actions: { greet: (input: { name: string }) => greet({ input, configuration } as bp.ActionHandlerProps<'greet'>) },
    client: {
      async createMessage(message: { payload: bp.TextMessage }) {
        sent.push(message.payload)
        return { message }
      },
    },
  }
  return { props: props as unknown as bp.MessageHandlerProps<'text'>, sent }
}

describe('hello world', () => {
  it('greets by name with the configured greeting', async () => {
    const props = { input: { name: 'Ada' }, configuration: { greeting: 'Hi' } } as bp.ActionHandlerProps<'greet'>
    expect(await greet(props)).toEqual({ text: 'Hi, Ada!' })
  })

  it('replies to each text message, counting visits', async () => {
    const { props, sent } = textMessage('Ada')
    await replyToText(props)
    await replyToText(props)
    expect(sent).toEqual([{ text: 'Hello, Ada! (visit 1)' }, { text: 'Hello, Ada! (visit 2)' }])
  })
})
