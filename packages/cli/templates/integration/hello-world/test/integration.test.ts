import { describe, expect, it } from 'vitest'
import type * as bp from '../.parley'
import { echo, sendText } from '../src/index'

describe('the echo integration', () => {
  it('echoes with the configured prefix', async () => {
    const props = { input: { text: 'hi' }, configuration: { prefix: 'echo' } } as bp.ActionHandlerProps<'echo'>
    expect(await echo(props)).toEqual({ text: 'echo: hi' })
  })

  it('acknowledges a delivered message with the id the service gave it', async () => {
    const acknowledged: Record<string, string | undefined>[] = []
    const props = {
      payload: { text: 'hello' },
      message: { id: 'm1' },
      ack: async ({ tags }: { tags: Record<string, string | undefined> }) => void acknowledged.push(tags),
    } as unknown as bp.ChannelMessageProps<'chat', 'text'>
    await sendText(props)
    expect(acknowledged).toEqual([{ deliveredAs: 'echo-m1-5' }])
  })
})
