import { describe, expect, expectTypeOf, it } from 'vitest'
import { chat, notes } from '../../test/fixtures.js'
import { DefinitionError, PluginDefinition, z, type Schema } from '../index.js'

const base = { name: 'p', version: '1.0.0' } as const
const errorOf = (build: () => unknown): DefinitionError => {
  try {
    build()
  } catch (error) {
    if (error instanceof DefinitionError) return error
    throw error
  }
  throw new Error('expected a DefinitionError')
}

describe('PluginDefinition validation', () => {
  it('names the plugin, the state and the field for a wrong state type', () => {
    const error = errorOf(() => new PluginDefinition({ ...base, states: { metrics: { type: 'global' as 'bot', schema: z.object({}) } } }))
    expect(error.code).toBe('DEFINITION_INVALID')
    expect(error.message).toBe('plugin "p", states.metrics.type: "global" is not allowed; use one of "bot", "user", "conversation", "workflow"')
    expect([error.definition, error.entity, error.field]).toEqual(['plugin "p"', 'states.metrics', 'type'])
  })

  it('rejects a state schema that is not an object schema', () => {
    const error = errorOf(() => new PluginDefinition({ ...base, states: { count: { type: 'bot', schema: z.number() as never } } }))
    expect(error.message).toBe('plugin "p", states.count.schema: expected a zod object schema: z.object({ … })')
  })

  it('rejects a negative expiry', () => {
    const error = errorOf(() => new PluginDefinition({ ...base, states: { s: { type: 'user', schema: z.object({}), expiry: -5 } } }))
    expect(error.message).toBe('plugin "p", states.s.expiry: use a positive number of milliseconds')
  })

  it('rejects entity names that cannot be prefixed', () => {
    const error = errorOf(() => new PluginDefinition({ ...base, actions: { 'do:it': { input: { schema: z.object({}) }, output: { schema: z.object({}) } } } }))
    expect(error.message).toContain('actions.do:it')
    expect(error.message).toContain('use letters, digits and _, starting with a letter')
  })

  it('names a misspelt field', () => {
    const error = errorOf(() => new PluginDefinition({ ...base, actions: { go: { inputs: {}, input: { schema: z.object({}) }, output: { schema: z.object({}) } } as never } }))
    expect(error.message).toBe('plugin "p", actions.go: unknown field "inputs"; check the spelling against the documented fields')
  })

  it('requires a semantic version', () => {
    expect(errorOf(() => new PluginDefinition({ name: 'p', version: 'one' })).message).toBe('plugin "p", version: use a semantic version such as 1.0.0')
  })

  it('requires indexes to name columns', () => {
    const error = errorOf(() => notes({ tableIndexes: ['writer'] }))
    expect(error.message).toBe('plugin "notes", tables.notes.indexes: "writer" is not a column; index one of "text", "author"')
  })

  it('checks recurring events: declared type, fitting payload, valid schedule and time zone', () => {
    const events = { tick: { schema: z.object({ n: z.number() }) } }
    const recurring = (entry: object) => () => new PluginDefinition({ ...base, events, recurringEvents: { r: { type: 'tick', payload: { n: 1 }, schedule: { cron: '5m' }, ...entry } } })
    expect(errorOf(recurring({ type: 'tock' })).message).toBe('plugin "p", recurringEvents.r.type: "tock" is not an event of this definition; declare it under events or use one of "tick"')
    expect(errorOf(recurring({ payload: { n: 'one' } })).message).toBe('plugin "p", recurringEvents.r.payload.n: Expected number, received string; the payload must fit the schema of event "tick"')
    expect(errorOf(recurring({ schedule: { cron: 'every day' } })).field).toBe('schedule.cron')
    expect(errorOf(recurring({ schedule: { cron: '0 9 * * *', timezone: 'Mars/Olympus' } })).message).toBe(
      'plugin "p", recurringEvents.r.schedule.timezone: "Mars/Olympus" is not an IANA time zone such as UTC or America/New_York',
    )
    expect(() => recurring({ schedule: { cron: '0 9 * * *', timezone: 'America/New_York' } })()).not.toThrow()
  })

  it('runs schema functions at once, so a reference to an undeclared interface fails here', () => {
    const error = errorOf(() => new PluginDefinition({
      ...base,
      interfaces: { chat },
      actions: { a: { input: { schema: ({ entities }) => z.object({ m: (entities as never as Record<string, Record<string, Schema>>).llm!.modelRef! }) }, output: { schema: z.object({}) } } },
    }))
    expect(error.entity).toBe('actions.a')
    expect(error.field).toBe('input.schema')
    expect(error.message).toContain('refer only to entities of the declared interfaces (chat)')
  })

  it('requires interface dependencies to be interfaces', () => {
    const error = errorOf(() => new PluginDefinition({ ...base, interfaces: { chat: notes() as never } }))
    expect(error.message).toBe("plugin \"p\", interfaces.chat: expected an interface definition or package; import it, e.g. `import chat from '…'`")
  })
})

describe('PluginDefinition types', () => {
  it('infers entity names and state types', () => {
    const plugin = notes()
    expectTypeOf(plugin.states.draft.type).toEqualTypeOf<'conversation'>()
    expectTypeOf(plugin.tables).toHaveProperty('notes')
    expectTypeOf<keyof typeof plugin.actions>().toEqualTypeOf<'summarize'>()
  })

  it('types entities in schema functions from the declared interfaces, and checks them at run time too', () => {
    const build = () => new PluginDefinition({
      ...base,
      interfaces: { chat },
      actions: {
        a: {
          input: { schema: ({ entities }) => z.object({ m: entities.chat.modelRef }) },
          output: { schema: z.object({}) },
        },
        b: {
          // @ts-expect-error `llm` is not a declared interface: only `chat` is
          input: { schema: ({ entities }) => z.object({ m: entities.llm.modelRef }) },
          output: { schema: z.object({}) },
        },
      },
    })
    expect(build).toThrow(/actions\.b\.input\.schema: the schema function threw/)
  })
})

describe('dereferenceEntities', () => {
  it('keeps the class and replaces references with the interface base schema', () => {
    const plain = notes().dereferenceEntities()
    expect(plain).toBeInstanceOf(PluginDefinition)
    expect(plain.actions.summarize.input.schema.parse({ text: 't', model: { id: 'm', extra: true } })).toEqual({ text: 't', model: { id: 'm' } })
  })

  it('opens entities to extra properties with intersectWithUnknownRecord', () => {
    const open = notes().dereferenceEntities({ intersectWithUnknownRecord: true })
    expect(open.actions.summarize.input.schema.parse({ text: 't', model: { id: 'm', extra: true } })).toEqual({ text: 't', model: { id: 'm', extra: true } })
  })
})
