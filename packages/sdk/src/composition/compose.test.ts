import { describe, expect, it } from 'vitest'
import { botWithNotes, chat, chatProps, notes, openChat, search } from '../../test/fixtures.js'
import { BotDefinition, CompositionError, IntegrationDefinition, InterfaceDefinition, PluginDefinition, version, z } from '../index.js'

const codeOf = (run: () => unknown): string => {
  try {
    run()
  } catch (error) {
    if (error instanceof CompositionError) return error.code
    throw error
  }
  throw new Error('expected a CompositionError')
}

describe('prefixed entities', () => {
  it('names plugin states, events and actions alias:name', () => {
    const bot = botWithNotes()
    expect(Object.keys(bot.states)).toEqual(['notes:draft'])
    expect(bot.states['notes:draft']).toMatchObject({ type: 'conversation', expiry: 60_000, localName: 'draft' })
    expect(Object.keys(bot.actions)).toEqual(['chat:complete', 'notes:summarize'])
    expect(Object.keys(bot.events)).toEqual(['chat:quotaLow', 'chat:completed', 'notes:noted'])
  })

  it('names integration channels alias:name, with their message schemas', () => {
    const bot = botWithNotes()
    expect(Object.keys(bot.channels)).toEqual(['chat:dm'])
    expect(bot.channels['chat:dm']?.messages.text?.schema.safeParse({ text: 'hi' }).success).toBe(true)
  })

  it('keeps the bot\'s own entities unprefixed, beside the packages\'', () => {
    const bot = new BotDefinition({
      states: { mood: { type: 'bot', schema: z.object({ happy: z.boolean() }) } },
      actions: { ping: { input: { schema: z.object({}) }, output: { schema: z.object({ pong: z.literal(true) }) } } },
    })
      .addIntegration(openChat(), { alias: 'c' })
      .addPlugin(notes(), { alias: 'n', dependencies: { chat: { integrationAlias: 'c' } } })
    expect(Object.keys(bot.states)).toEqual(['mood', 'n:draft'])
    expect(Object.keys(bot.actions)).toEqual(['ping', 'c:complete', 'n:summarize'])
    expect(bot.actions.ping?.origin).toEqual({ kind: 'bot' })
  })

  it('resolves a plugin\'s entity references to the backing integration\'s entity', () => {
    const input = botWithNotes().actions['notes:summarize']!.input.schema
    expect(input.safeParse({ text: 't', model: { id: 'm', size: 'l' } }).success).toBe(true)
    expect(input.safeParse({ text: 't', model: { id: 'm' } }).success).toBe(false)
  })
})

describe('flat entities', () => {
  it('merges tags, tables and workflows without a prefix', () => {
    const bot = botWithNotes()
    expect(Object.keys(bot.tables)).toEqual(['notes'])
    expect(Object.keys(bot.workflows)).toEqual(['review'])
    expect(Object.keys(bot.user.tags)).toEqual(['handle', 'noteCount'])
  })

  it('accepts the same plugin twice under two aliases', () => {
    const bot = botWithNotes().addPlugin(notes(), { alias: 'journal', dependencies: { chat: { integrationAlias: 'chat' } } })
    expect(Object.keys(bot.states)).toEqual(['notes:draft', 'journal:draft'])
    expect(Object.keys(bot.tables)).toEqual(['notes'])
    expect(bot.tables.notes?.origins).toEqual([
      { kind: 'plugin', alias: 'notes', packageName: 'notes' },
      { kind: 'plugin', alias: 'journal', packageName: 'notes' },
    ])
  })

  it('reports a table defined differently by two sources, naming both', () => {
    const bot = botWithNotes()
    const add = () => bot.addPlugin(notes({ tableIndexes: ['text'] }), { alias: 'journal', dependencies: { chat: { integrationAlias: 'chat' } } })
    expect(add).toThrow(
      'table "notes" is defined by plugin "notes" and differently by plugin "notes" (alias "journal"); tables are shared by name across a bot, so rename one of them or make both definitions identical',
    )
  })

  it('reports a tag clash between the bot and a plugin', () => {
    const bot = new BotDefinition({ user: { tags: { noteCount: { title: 'Something else' } } } }).addIntegration(openChat(), { alias: 'chat' })
    expect(() => bot.addPlugin(notes(), { alias: 'notes', dependencies: { chat: { integrationAlias: 'chat' } } })).toThrow(
      'user tag "noteCount" is defined by the bot and differently by plugin "notes"',
    )
  })

  it('reports a workflow clash', () => {
    const other = new PluginDefinition({
      name: 'other', version: '1.0.0',
      workflows: { review: { input: { schema: z.object({ noteId: z.string() }) }, output: { schema: z.object({ ok: z.boolean() }) } } },
    })
    expect(() => botWithNotes().addPlugin(other, {})).toThrow('workflow "review" is defined by plugin "notes" and differently by plugin "other"')
  })
})

describe('aliases', () => {
  it('defaults the alias to the package name', () => {
    const bot = new BotDefinition({}).addIntegration(openChat(), {})
    expect(Object.keys(bot.integrations)).toEqual(['open-chat'])
  })

  it('shares one namespace between plugins and integrations', () => {
    const bot = botWithNotes()
    expect(() => bot.addIntegration(openChat(), { alias: 'notes' })).toThrow(
      'alias "notes" is already used by plugin "notes"; plugins and integrations share one alias namespace, so choose another alias',
    )
    expect(codeOf(() => bot.addPlugin(notes(), { alias: 'chat', dependencies: { chat: { integrationAlias: 'chat' } } }))).toBe('ALIAS_TAKEN')
  })

  it('rejects an alias that cannot prefix names', () => {
    expect(codeOf(() => new BotDefinition({}).addIntegration(openChat(), { alias: 'my:chat' }))).toBe('ALIAS_INVALID')
  })
})

describe('configuration', () => {
  it('applies defaults', () => {
    const bot = botWithNotes()
    expect(bot.plugins.notes?.configuration).toEqual({ maxNotes: 10 })
    expect(new BotDefinition({}).addIntegration(openChat(), {}).integrations['open-chat']?.configuration).toEqual({ region: 'eu' })
  })

  it('names the package and the field at fault', () => {
    const bot = new BotDefinition({}).addIntegration(openChat(), { alias: 'chat' })
    expect(() => bot.addPlugin(notes(), { alias: 'notes', configuration: { maxNotes: -1 }, dependencies: { chat: { integrationAlias: 'chat' } } })).toThrow(
      'plugin "notes" has invalid configuration: configuration.maxNotes: Number must be greater than 0',
    )
    expect(() => bot.addIntegration(openChat(), { alias: 'chat2', configuration: { region: 'mars' as 'eu' } })).toThrow(
      'integration "open-chat" (alias "chat2") has invalid configuration: configuration.region:',
    )
  })
})

describe('interface and integration dependencies', () => {
  const bot = () => new BotDefinition({}).addIntegration(openChat(), { alias: 'chat' })

  it('requires each dependency to be given', () => {
    expect(() => bot().addPlugin(notes(), { alias: 'notes' } as never)).toThrow(
      "plugin \"notes\" needs dependency \"chat\"; pass dependencies: { chat: { integrationAlias: '…' } } naming an integration added to the bot",
    )
  })

  it('requires the integration to be added first', () => {
    expect(() => bot().addPlugin(notes(), { dependencies: { chat: { integrationAlias: 'llm' } } })).toThrow(
      'plugin "notes": dependencies.chat.integrationAlias "llm" is not an integration of this bot (added: chat); call bot.addIntegration(…) before bot.addPlugin(…)',
    )
  })

  it('requires the integration to implement the interface', () => {
    const plain = new IntegrationDefinition({ name: 'plain', version: '1.0.0' }).extend(search, () => ({ entities: {} }))
    const b = new BotDefinition({}).addIntegration(plain, {})
    expect(codeOf(() => b.addPlugin(notes(), { dependencies: { chat: { integrationAlias: 'plain' } } }))).toBe('DEPENDENCY_WRONG_INTERFACE')
    expect(() => b.addPlugin(notes(), { dependencies: { chat: { integrationAlias: 'plain', integrationInterfaceAlias: 'search' } } })).toThrow(
      'plugin "notes": dependencies.chat needs interface "chat", but integration "plain" implements "search" under "search" (it implements: search (search))',
    )
  })

  it('routes interface actions to the integration\'s actions', () => {
    expect(botWithNotes().plugins.notes?.interfaces.chat).toMatchObject({
      integrationAlias: 'chat', integrationInterfaceAlias: 'chat', interface: chat,
      actions: { complete: 'chat:complete' }, events: { completed: 'chat:completed' },
    })
  })

  it('requires a direct integration dependency to be that integration', () => {
    const needsChat = new PluginDefinition({ name: 'needs', version: '1.0.0', integrations: { chat: openChat() } })
    const other = new IntegrationDefinition({ name: 'other', version: '1.0.0' })
    const b = new BotDefinition({}).addIntegration(other, {})
    expect(() => b.addPlugin(needsChat, { dependencies: { chat: { integrationAlias: 'other' } } })).toThrow(
      'plugin "needs": dependencies.chat needs integration "open-chat", but alias "other" is integration "other"',
    )
  })
})

describe('a failed add', () => {
  it('leaves the bot exactly as it was', () => {
    const bot = botWithNotes()
    const before = { actions: Object.keys(bot.actions), plugins: Object.keys(bot.plugins), tables: bot.tables }
    expect(() => bot.addPlugin(notes({ tagTitle: 'Other' }), { alias: 'journal', dependencies: { chat: { integrationAlias: 'chat' } } })).toThrow(CompositionError)
    expect({ actions: Object.keys(bot.actions), plugins: Object.keys(bot.plugins), tables: bot.tables }).toEqual(before)
  })

  it('rejects what is not a package', () => {
    expect(codeOf(() => new BotDefinition({}).addPlugin(openChat() as never, {} as never))).toBe('PACKAGE_INVALID')
    expect(() => new BotDefinition({}).addPlugin(openChat() as never, {} as never)).toThrow('addPlugin expects a plugin definition or package, got an integration definition')
  })
})

describe('interface and integration versions', () => {
  const chatAt = (v: string) => new InterfaceDefinition({ ...chatProps, version: v })
  const openChatImplementing = (iface: InterfaceDefinition) => new IntegrationDefinition({
    name: 'open-chat', version: '3.1.0', entities: { model: { schema: z.object({ id: z.string(), size: z.enum(['s', 'l']) }) } },
  }).extend(iface, ({ entities }) => ({ entities: { modelRef: entities.model } }))
  const needing = (ref: Parameters<typeof version.allWithinMajorOf>[0] & object) => new PluginDefinition({ name: 'needs', version: '1.0.0', interfaces: { chat: ref as never } })

  it('accepts an implementation within the range a plugin gives (version.allWithinMajorOf)', () => {
    const bot = new BotDefinition({}).addIntegration(openChatImplementing(chatAt('1.4.2')), { alias: 'chat' })
    expect(() => bot.addPlugin(needing(version.allWithinMajorOf(chatAt('1.0.0').asPackage())), { dependencies: { chat: { integrationAlias: 'chat' } } })).not.toThrow()
  })

  it('rejects an implementation out of range, naming the plugin, the integration and both versions', () => {
    const bot = new BotDefinition({}).addIntegration(openChatImplementing(chatAt('2.0.0')), { alias: 'chat' })
    const add = () => bot.addPlugin(needing(version.allWithinMajorOf(chatAt('1.3.0').asPackage())), { dependencies: { chat: { integrationAlias: 'chat' } } })
    expect(codeOf(add)).toBe('DEPENDENCY_VERSION_MISMATCH')
    expect(add).toThrow('plugin "needs": dependencies.chat needs interface "chat" >=1.0.0 <2.0.0, but integration "open-chat" (alias "chat") implements "chat" 2.0.0')
  })

  it('takes a bare definition as "this major"', () => {
    const bot = new BotDefinition({}).addIntegration(openChatImplementing(chatAt('2.0.0')), { alias: 'chat' })
    expect(codeOf(() => bot.addPlugin(needing(chatAt('1.0.0')), { dependencies: { chat: { integrationAlias: 'chat' } } }))).toBe('DEPENDENCY_VERSION_MISMATCH')
  })

  it('makes ranges of minors and patches, and rejects a range that is not one', () => {
    const pkg = chatAt('1.4.2').asPackage()
    expect([version.allWithinMajorOf(pkg).version, version.minorsOf(pkg).version, version.allWithinMinorOf(pkg).version, version.patchesOf(pkg).version])
      .toEqual(['>=1.0.0 <2.0.0', '>=1.0.0 <2.0.0', '>=1.4.0 <1.5.0', '>=1.4.0 <1.5.0'])
    expect([version.allWithinPkgMajor(pkg).version, version.allWithinPkgMinor(pkg).version]).toEqual(['>=1.0.0 <2.0.0', '>=1.4.0 <1.5.0'])
    expect(() => needing({ ...pkg, version: 'latest-ish' })).toThrow('plugin "needs", interfaces.chat.version: "latest-ish" is not a version or a range; use one such as 1.2.0')
  })

  it('loads a definition carrying Botpress\'s converter switches, which change nothing', () => {
    const plugin = new PluginDefinition({ name: 'sync', version: '1.0.0', interfaces: { chat }, __advanced: { useLegacyZuiTransformer: true } })
    expect(Object.keys(plugin.interfaces)).toEqual(['chat'])
    expect(() => new PluginDefinition({ name: 'sync', version: '1.0.0', __advanced: { useNewThing: true } as never })).toThrow('useNewThing')
  })

  it('accepts interface aliases with dashes, as package names have', () => {
    const plugin = new PluginDefinition({ name: 'sync', version: '1.0.0', interfaces: { 'chat-ro': chat } })
    expect(Object.keys(plugin.interfaces)).toEqual(['chat-ro'])
  })
})

describe('a plugin configuration written as a function of entities', () => {
  const picky = new PluginDefinition({
    name: 'picky', version: '1.0.0', interfaces: { chat },
    configuration: { schema: ({ entities }) => z.object({ model: entities.chat.modelRef, temperature: z.number().default(1) }) },
  })

  it('is checked against the backing integration\'s entity when the plugin is added', () => {
    const bot = () => new BotDefinition({}).addIntegration(openChat(), { alias: 'chat' })
    expect(bot().addPlugin(picky, { configuration: { model: { id: 'm', size: 's' } as { id: string } }, dependencies: { chat: { integrationAlias: 'chat' } } }).plugins.picky?.configuration)
      .toEqual({ model: { id: 'm', size: 's' }, temperature: 1 })
    expect(() => bot().addPlugin(picky, { configuration: { model: { id: 'm' } }, dependencies: { chat: { integrationAlias: 'chat' } } }))
      .toThrow('plugin "picky" has invalid configuration: configuration.model.size: Required')
  })

  it('reads as its base schema on the definition, and must give an object schema', () => {
    expect(picky.configuration.schema.safeParse({ model: { id: 'm' } }).success).toBe(true)
    expect(() => new PluginDefinition({ name: 'bad', version: '1.0.0', configuration: { schema: () => z.string() as never } }))
      .toThrow('plugin "bad", configuration.schema: the configuration must be a zod object schema')
  })
})
