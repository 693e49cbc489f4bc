import { describe, expect, it } from 'vitest'
import type * as bp from '../.parley'
import { greet } from '../src/index'

describe('the greeter plugin', () => {
  it('greets with the greeting the bot configured', async () => {
    const props = { input: { name: 'Ada' }, configuration: { greeting: 'Welcome' } } as bp.ActionHandlerProps<'greet'>
    expect(await greet(props)).toEqual({ text: 'Welcome, Ada!' })
  })
})
