import { describe, expect, it } from 'vitest'
import type * as bp from '../.parley'
import { countMessage, countMessages } from '../src/index'

/** A state kept in memory, with the methods the handlers use. */
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

/** Handler props with only what the handlers use; `emitted` collects the events. */
function fakeProps() {
  const emitted: bp.MilestoneReachedEvent[] = []
  const common = {
    configuration: { enabled: true, milestone: 3 },
    states: { counter: memoryState<{ messages: number }>() },
    events: { milestoneReached: { emit: async (payload: bp.MilestoneReachedEvent) => void emitted.push(payload) } },
  }
  const message = (text: string) => ({ ...common, message: { type: 'text', payload: { text }, conversationId: 'c1' } }) as unknown as bp.MessageHandlerProps
  const action = { ...common, input: { conversationId: 'c1' } } as unknown as bp.ActionHandlerProps<'countMessages'>
  return { message, action, emitted }
}

describe('the message counter', () => {
  it('counts messages and emits an event at each milestone', async () => {
    const props = fakeProps()
    for (const text of ['a', 'b', 'c', 'd']) await countMessage(props.message(text))
    expect(await countMessages(props.action)).toEqual({ messages: 4 })
    expect(props.emitted).toEqual([{ conversationId: 'c1', messages: 3 }])
  })
})
