import { describe, expect, it } from 'vitest'
import { chat, openChat, search } from '../../test/fixtures.js'
import { DefinitionError, IntegrationDefinition, InterfaceDefinition, toJsonSchema, z } from '../index.js'

const withModel = () => new IntegrationDefinition({ name: 'x', version: '1.0.0', entities: { model: { schema: z.object({ id: z.string(), tier: z.number() }) } } })

describe('IntegrationDefinition.extend', () => {
  it('adopts the interface\'s actions and events with the mapped entity\'s schema', () => {
    const integration = openChat()
    expect(Object.keys(integration.actions)).toEqual(['complete'])
    expect(Object.keys(integration.events)).toEqual(['quotaLow', 'completed'])
    expect(toJsonSchema(integration.actions.complete!.input.schema as z.ZodTypeAny)).toMatchObject({
      properties: { model: { properties: { size: { enum: ['s', 'l'] } } } },
    })
    expect(integration.interfaces.chat).toMatchObject({ alias: 'chat', entities: { modelRef: 'model' }, actions: { complete: 'complete' } })
  })

  it('keeps an action the integration declares itself', () => {
    const own = { input: { schema: z.object({ prompt: z.string() }) }, output: { schema: z.object({ text: z.string() }) } }
    const integration = new IntegrationDefinition({ name: 'x', version: '1.0.0', entities: { m: { schema: z.object({ id: z.string() }) } }, actions: { complete: own } })
      .extend(chat, ({ entities }) => ({ entities: { modelRef: entities.m } }))
    expect(integration.actions.complete).toBe(own)
  })

  it('renames interface actions when asked', () => {
    const integration = withModel().extend(chat, ({ entities }) => ({ entities: { modelRef: entities.model }, actions: { complete: 'chatComplete' } }))
    expect(Object.keys(integration.actions)).toEqual(['chatComplete'])
    expect(integration.interfaces.chat?.actions).toEqual({ complete: 'chatComplete' })
  })

  it('requires every interface entity to be mapped', () => {
    const extend = () => withModel().extend(chat, () => ({ entities: {} as never }))
    expect(extend).toThrow(DefinitionError)
    expect(extend).toThrow('integration "x", interfaces.chat.entities.modelRef: map interface entity "modelRef" to one of this integration\'s entities (model)')
  })

  it('refuses to implement the same alias twice, and allows a second alias', () => {
    const integration = withModel().extend(search, () => ({ entities: {} }))
    expect(() => integration.extend(search, () => ({ entities: {} }))).toThrow('integration "x", interfaces.search: already implemented under this alias; pass { alias } to implement "search" a second time')
    expect(integration.extend(search, () => ({ entities: {} }), { alias: 'search2' }).interfaces.search2?.definition).toBe(search)
  })

  it('returns the same definition, not a copy', () => {
    const integration = withModel()
    expect(integration.extend(search, () => ({ entities: {} }))).toBe(integration)
  })
})

describe('IntegrationDefinition validation', () => {
  it('asks for upper-case secret names', () => {
    expect(() => new IntegrationDefinition({ name: 'x', version: '1.0.0', secrets: { apiKey: {} } })).toThrow('integration "x", secrets.apiKey: use UPPER_SNAKE_CASE')
  })

  it('requires channel message schemas', () => {
    expect(() => new IntegrationDefinition({ name: 'x', version: '1.0.0', channels: { dm: { messages: { text: {} as never } } } })).toThrow(
      'integration "x", channels.dm.messages.text.schema: expected a zod schema, or a function ({ entities }) => schema',
    )
  })
})

describe('InterfaceDefinition', () => {
  it('resolves its schemas against given entities, or its own by default', () => {
    const concrete = chat.resolve({ modelRef: z.object({ id: z.literal('a') }) })
    expect(concrete.actions.complete?.input.safeParse({ model: { id: 'b' }, prompt: 'p' }).success).toBe(false)
    expect(chat.resolve().actions.complete?.input.safeParse({ model: { id: 'b' }, prompt: 'p' }).success).toBe(true)
  })

  it('validates its props like any definition', () => {
    expect(() => new (chat.constructor as typeof import('../index.js').InterfaceDefinition)({ name: 'bad name', version: '1.0.0' })).toThrow(
      'interface "bad name", name: use letters, digits, _ and -, starting with a letter',
    )
  })
})

describe('interface schema functions', () => {
  it('receive the interface\'s entities directly, as Botpress passes them, and under `entities`', () => {
    const iface = new InterfaceDefinition({
      name: 'lookup', version: '1.0.0',
      entities: { record: { schema: z.object({ id: z.string() }) } },
      actions: {
        botpressStyle: { input: { schema: ({ record }) => z.object({ record }) }, output: { schema: () => z.object({}) } },
        parleyStyle: { input: { schema: ({ entities }) => z.object({ record: entities.record }) }, output: { schema: z.object({}) } },
      },
    })
    const resolved = iface.resolve({ record: z.object({ id: z.string(), extra: z.number() }) })
    for (const name of ['botpressStyle', 'parleyStyle']) {
      expect(resolved.actions[name]!.input.safeParse({ record: { id: 'a', extra: 1 } }).success).toBe(true)
      expect(resolved.actions[name]!.input.safeParse({ record: { id: 'a' } }).success).toBe(false)
    }
  })

  it('cannot be given an entity named "entities"', () => {
    expect(() => new InterfaceDefinition({ name: 'odd', version: '1.0.0', entities: { entities: { schema: z.object({}) } } })).toThrow('interface "odd", entities.entities: schema functions receive the entities under the key "entities"')
  })
})
