import { BotDefinition, type AddIntegrationOptions } from '@parley/sdk'
import { describe, expect, expectTypeOf, it } from 'vitest'
import telegram from '../index.js'

describe('types a bot builder relies on', () => {
  it('configuration is typed from the schema, every field optional since each has a default', () => {
    type Given = NonNullable<AddIntegrationOptions<typeof telegram.definition>['configuration']>
    expectTypeOf<Given>().toEqualTypeOf<{ apiBaseUrl?: string; webhookUrl?: string; dropPendingUpdates?: boolean; timeoutMs?: number; maxRetries?: number }>()
  })

  it('a wrong configuration is refused at compile time and, for untyped callers, when added', () => {
    // @ts-expect-error -- timeoutMs is a number of milliseconds
    const wrong = () => new BotDefinition({}).addIntegration(telegram, { configuration: { timeoutMs: '15s' } })
    expect(wrong).toThrow(/configuration\.timeoutMs: Expected number, received string/)
  })
})
