import { BotDefinition, IntegrationDefinition, PluginDefinition, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { creatable, deletable, hitl, listable, llm, readable, typingIndicator, updatable } from './index.js'

const issue = z.object({ id: z.string(), title: z.string(), state: z.enum(['open', 'closed']) })

function tracker() {
  return new IntegrationDefinition({ name: 'tracker', version: '1.0.0', entities: { issue: { schema: issue } } })
    .extend(listable, ({ entities }) => ({ entities: { item: entities.issue } }))
    .extend(creatable, ({ entities }) => ({ entities: { item: entities.issue } }))
    .extend(readable, ({ entities }) => ({ entities: { item: entities.issue } }))
    .extend(updatable, ({ entities }) => ({ entities: { item: entities.issue } }))
    .extend(deletable, ({ entities }) => ({ entities: { item: entities.issue } }))
}

describe('the CRUD interfaces', () => {
  it('give an integration list/create/read/update/delete over its own entity', () => {
    const integration = tracker()
    expect(Object.keys(integration.actions)).toEqual(['list', 'create', 'read', 'update', 'delete'])
    expect(Object.keys(integration.events)).toEqual(['created', 'updated', 'deleted'])
    const listed = integration.actions.list!.output.schema as z.ZodTypeAny
    expect(listed.safeParse({ items: [{ id: '1', title: 't', state: 'open' }], meta: {} }).success).toBe(true)
    expect(listed.safeParse({ items: [{ id: '1' }], meta: {} }).success).toBe(false)
  })

  it('let a plugin depending on `listable` receive the integration\'s items', () => {
    const triage = new PluginDefinition({
      name: 'triage', version: '1.0.0', interfaces: { items: listable },
      actions: { pick: { input: { schema: ({ entities }) => z.object({ item: entities.items.item }) }, output: { schema: z.object({}) } } },
    })
    const bot = new BotDefinition({}).addIntegration(tracker(), {}).addPlugin(triage, { dependencies: { items: { integrationAlias: 'tracker', integrationInterfaceAlias: 'listable' } } })
    expect(bot.actions['triage:pick']!.input.schema.safeParse({ item: { id: '1', title: 't', state: 'open' } }).success).toBe(true)
    expect(bot.actions['triage:pick']!.input.schema.safeParse({ item: { id: '1' } }).success).toBe(false)
  })
})

describe('llm', () => {
  it('refers to the model through its modelRef entity', () => {
    const resolved = llm.resolve({ modelRef: z.object({ id: z.literal('local-7b') }) })
    const input = resolved.actions.generateContent!.input
    expect(input.safeParse({ model: { id: 'local-7b' }, messages: [{ role: 'user', content: 'hi' }] }).success).toBe(true)
    expect(input.safeParse({ model: { id: 'other' }, messages: [{ role: 'user', content: 'hi' }] }).success).toBe(false)
    expect(input.safeParse({ messages: [] }).success).toBe(false)
  })
})

describe('hitl and typing-indicator', () => {
  it('declare the actions, events and channels an implementation must offer', () => {
    expect(Object.keys(hitl.actions)).toEqual(['createUser', 'startHitl', 'stopHitl'])
    expect(Object.keys(hitl.events)).toEqual(['hitlAssigned', 'hitlStopped'])
    expect(Object.keys(hitl.channels)).toEqual(['hitl'])
    expect(Object.keys(typingIndicator.actions)).toEqual(['startTypingIndicator', 'stopTypingIndicator'])
  })
})
