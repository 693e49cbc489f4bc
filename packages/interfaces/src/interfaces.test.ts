import { BotDefinition, IntegrationDefinition, PluginDefinition, version, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import filesReadonlyPackage from './files-readonly.js'
import llmPackage from './llm.js'
import {
  creatable, deletable, filesReadonly, hitl, listable, llm, proactiveConversation, proactiveUser, readable, typingIndicator, updatable,
} from './index.js'

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
  const resolved = llm.resolve({ modelRef: z.object({ id: z.literal('local-7b') }) })
  const output = {
    id: 'r1', provider: 'local', model: 'local-7b', usage: { inputTokens: 3, inputCost: 0, outputTokens: 1, outputCost: 0 }, botpress: { cost: 0 },
    choices: [{ role: 'assistant', type: 'text', content: 'Hello', index: 0, stopReason: 'stop' }],
  }

  it('takes Botpress\'s generateContent input, the model through its modelRef entity', () => {
    const input = resolved.actions.generateContent!.input
    const parsed = input.parse({ model: { id: 'local-7b' }, systemPrompt: 'Be brief.', responseFormat: 'json_object', messages: [{ role: 'user', content: 'hi' }] })
    expect(parsed).toMatchObject({ temperature: 1, topP: 1, messages: [{ role: 'user', type: 'text', content: 'hi' }] })
    expect(input.safeParse({ model: { id: 'other' }, messages: [] }).success).toBe(false)
    expect(input.safeParse({ messages: [], temperature: 3 }).success).toBe(false)
  })

  it('gives Botpress\'s output, with the first choice\'s text as content when the integration leaves it out', () => {
    expect(resolved.actions.generateContent!.output.parse(output)).toMatchObject({ choices: [{ content: 'Hello' }], content: 'Hello' })
    expect(resolved.actions.generateContent!.output.parse({ ...output, content: 'own' })).toMatchObject({ content: 'own' })
  })

  it('carries the form metadata of its fields to JSON Schema', () => {
    const json = resolved.actions.generateContent!.input.toJSONSchema() as { properties: Record<string, Record<string, unknown>> }
    expect(json.properties.temperature).toMatchObject({ 'x-zui': { displayAs: { id: 'slider' } } })
    expect(json.properties.debug).toMatchObject({ 'x-zui': { hidden: true } })
  })
})

describe('hitl, typing-indicator, proactive-user, proactive-conversation, files-readonly', () => {
  it('declare the actions, events, channels and entities of Botpress\'s interfaces', () => {
    expect(Object.keys(hitl.entities)).toEqual(['hitlSession'])
    expect(Object.keys(hitl.actions)).toEqual(['createUser', 'startHitl', 'stopHitl'])
    expect(Object.keys(hitl.events)).toEqual(['hitlAssigned', 'hitlStopped'])
    expect(Object.keys(hitl.resolve().channels.hitl!.messages)).toEqual(['text', 'image', 'audio', 'video', 'file', 'bloc'])
    expect(Object.keys(typingIndicator.actions)).toEqual(['startTypingIndicator', 'stopTypingIndicator'])
    expect(Object.keys(proactiveUser.actions)).toEqual(['getOrCreateUser'])
    expect(Object.keys(proactiveConversation.actions)).toEqual(['getOrCreateConversation'])
    expect(Object.keys(filesReadonly.actions)).toEqual(['listItemsInFolder', 'transferFileToBotpress'])
    expect(Object.keys(filesReadonly.events)).toEqual(['fileCreated', 'fileUpdated', 'fileDeleted', 'folderDeletedRecursive', 'aggregateFileChanges'])
  })

  it('resolve hitl\'s session entity to the integration\'s own', () => {
    const desk = new IntegrationDefinition({ name: 'desk', version: '1.0.0', entities: { ticket: { schema: z.object({ priority: z.enum(['low', 'high']) }) } } })
      .extend(hitl, ({ entities }) => ({ entities: { hitlSession: entities.ticket } }))
    const start = desk.actions.startHitl!.input.schema as z.ZodTypeAny
    expect(start.safeParse({ userId: 'u', messageHistory: [], hitlSession: { priority: 'high' } }).success).toBe(true)
    expect(start.safeParse({ userId: 'u', messageHistory: [], hitlSession: { priority: 'urgent' } }).success).toBe(false)
    expect(start.safeParse({ userId: 'u', title: 'Refund' }).success, 'without a history, as Botpress plugins start one').toBe(true)
    const stop = desk.actions.stopHitl!.input.schema as z.ZodTypeAny
    expect([stop.safeParse({ conversationId: 'c', reason: 'cancel' }).success, stop.safeParse({ conversationId: 'c', reason: 'bored' }).success]).toEqual([true, false])
  })
})

describe('each module\'s default export', () => {
  it('is the interface as a package, usable where a definition is', () => {
    expect(llmPackage).toMatchObject({ type: 'interface', name: 'llm', version: '2.0.0', definition: llm })
    expect(filesReadonlyPackage.definition.entities).toEqual({})
    const plugin = new PluginDefinition({ name: 'sync', version: '1.0.0', interfaces: { 'files-readonly': version.allWithinMajorOf(filesReadonlyPackage) } })
    expect(plugin.interfaces['files-readonly'].version).toBe('>=1.0.0 <2.0.0')
  })
})
