import { describe, expect, expectTypeOf, it } from 'vitest'
import { notes, openChat } from '../../test/fixtures.js'
import { typeErrors } from '../../test/type-errors.js'
import { BotDefinition, type AddIntegrationOptions, type AddPluginOptions, type InterfaceDependency } from '../index.js'

type Notes = ReturnType<typeof notes>

describe('what addPlugin and addIntegration accept', () => {
  it('types configuration from the package\'s schema input, optional when every field has a default', () => {
    expectTypeOf<AddPluginOptions<Notes>['configuration']>().toEqualTypeOf<{ maxNotes?: number; owner?: string } | undefined>()
    expectTypeOf<AddIntegrationOptions<ReturnType<typeof openChat>>['configuration']>().toEqualTypeOf<{ region?: 'eu' | 'us' } | undefined>()
  })

  it('requires a dependency for each interface the plugin declares', () => {
    expectTypeOf<AddPluginOptions<Notes>['dependencies']>().toEqualTypeOf<{ readonly chat: InterfaceDependency }>()
  })

  it('reports each misuse at compile time, naming the field', async () => {
    const header = `import { BotDefinition } from '../src/index.js'\nimport { notes, openChat } from './fixtures.js'\nconst bot = new BotDefinition({}).addIntegration(openChat(), { alias: 'chat' })\n`
    const errors = await typeErrors({
      correct: `${header}bot.addPlugin(notes(), { alias: 'n', configuration: { maxNotes: 3 }, dependencies: { chat: { integrationAlias: 'chat' } } })`,
      wrongType: `${header}bot.addPlugin(notes(), { configuration: { maxNotes: 'three' }, dependencies: { chat: { integrationAlias: 'chat' } } })`,
      unknownField: `${header}bot.addPlugin(notes(), { configuration: { maxNotez: 3 }, dependencies: { chat: { integrationAlias: 'chat' } } })`,
      missingDependency: `${header}bot.addPlugin(notes(), { configuration: {} })`,
      unknownDependency: `${header}bot.addPlugin(notes(), { dependencies: { chat: { integrationAlias: 'chat' }, llm: { integrationAlias: 'chat' } } })`,
      integrationConfig: `${header}bot.addIntegration(openChat(), { alias: 'c2', configuration: { region: 'mars' } })`,
    })
    expect(errors.correct).toEqual([])
    expect(errors.wrongType!.join()).toMatch(/'string' is not assignable to type 'number'/)
    expect(errors.unknownField!.join()).toMatch(/'maxNotez' does not exist/)
    expect(errors.missingDependency!.join()).toMatch(/Property 'dependencies' is missing/)
    expect(errors.unknownDependency!.join()).toMatch(/'llm' does not exist/)
    expect(errors.integrationConfig!.join()).toMatch(/'"mars"' is not assignable to type '"eu" \| "us"/)
  })
})

describe('BotDefinition', () => {
  it('validates its own props', () => {
    expect(() => new BotDefinition({ tables: { t: { schema: { not: 'zod' } as never } } })).toThrow('bot, tables.t.schema: expected a zod object schema: z.object({ … })')
  })

  it('returns itself from add…, keeping its class', () => {
    const bot = new BotDefinition({})
    expect(bot.addIntegration(openChat(), {})).toBe(bot)
  })
})
