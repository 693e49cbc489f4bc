import { describe, expect, it } from 'vitest'
import { PluginDefinition, z } from '@parley/sdk'
import { resolveTypeModel } from '../../src/codegen/resolve/index.js'
import type { TypeExpr, TypeModel } from '../../src/codegen/resolve/model.js'
import { printType } from '../../src/codegen/emit/print-type.js'
import bot from '../fixtures/projects/seed-002-bot/bot.definition.js'
import chat from '../fixtures/projects/chat-integration/integration.definition.js'
import llm from '../fixtures/projects/llm-interface/interface.definition.js'
import assistant from '../fixtures/projects/plugin-dependencies/plugin.definition.js'
import seed003 from '../fixtures/projects/seed-003/plugin.definition.js'

const model = (given: { kind: string } | { definition: { kind: string } }) => {
  const value = 'definition' in given ? given.definition : given
  return resolveTypeModel({ kind: value.kind, value } as Parameters<typeof resolveTypeModel>[0])
}

function record(m: TypeModel, name: string) {
  const found = m.records.find((r) => r.name === name)
  if (!found) throw new Error(`no record ${name}`)
  return found
}
const keys = (m: TypeModel, name: string) => record(m, name).fields.map((f) => f.key)
const typeOf = (m: TypeModel, name: string, key: string): string => printType(record(m, name).fields.find((f) => f.key === key)!.type as TypeExpr)
const schemaOf = (m: TypeModel, typeName: string) => m.schemas.find((s) => s.typeName === typeName)?.schema

describe('a bot\'s type model', () => {
  const m = model(bot)

  it('implements its own actions and calls every composed one by its full name', () => {
    expect(keys(m, 'Actions')).toEqual(['summarize'])
    expect(keys(m, 'CallableActions')).toEqual([
      'summarize', 'llm:countTokens', 'llm:generateContent', 'llm:listLanguageModels', 'chat:findUser',
      'chat:startTypingIndicator', 'chat:stopTypingIndicator', 'chat:createChannel', 'analytics:trackEvent', 'analytics:getMetrics',
    ])
  })

  it('names composed states and events with their alias, and tables and workflows without', () => {
    expect(keys(m, 'States')).toEqual(['lastSeen', 'analytics:metrics', 'analytics:userMetrics'])
    expect(keys(m, 'Events')).toEqual(['chat:reactionAdded', 'chat:created', 'analytics:metricRecorded', 'analytics:thresholdExceeded'])
    expect(keys(m, 'Tables')).toEqual(['events', 'customers', 'interactions'])
    expect(keys(m, 'Workflows')).toEqual(['userOnboarding'])
  })

  it('resolves interface entities to the backing integration\'s schema', () => {
    const input = schemaOf(m, 'LlmGenerateContentInput')
    expect(input?.properties?.model).toMatchObject({ properties: { id: { enum: ['claude-sonnet', 'claude-haiku'] }, family: { enum: ['claude'] } } })
  })

  it('receives the standard messages and each channel\'s, a type declared differently by several being a union', () => {
    expect(keys(m, 'Messages')).toEqual(['text', 'markdown', 'image', 'audio', 'video', 'file', 'location', 'carousel', 'card', 'dropdown', 'choice', 'bloc'])
    expect(typeOf(m, 'Messages', 'text')).toBe('TextMessage | ChatDmTextMessage | ChatThreadTextMessage')
    expect(typeOf(m, 'Messages', 'card')).toBe('CardMessage | ChatDmCardMessage')
  })

  it('reaches each integration\'s actions by alias and their own names, and no interface', () => {
    expect(keys(m, 'Integrations')).toEqual(['llm', 'chat'])
    expect(typeOf(m, 'Integrations', 'llm')).toContain('countTokens: { input: LlmCountTokensInput; output: LlmCountTokensOutput }')
    expect(keys(m, 'Interfaces')).toEqual([])
  })

  it('types configuration as handlers read it, with defaults applied', () => {
    expect(schemaOf(m, 'Configuration')?.required).toEqual(['welcome'])
  })
})

describe('a plugin\'s type model', () => {
  it('names its own entities bare and with its name, as seed code writes them', () => {
    const m = model(seed003)
    expect(keys(m, 'Actions')).toEqual(['trackEvent', 'getStats'])
    expect(keys(m, 'States')).toEqual(['userSession', 'analytics', 'analytics:userSession', 'analytics:analytics'])
    expect(keys(m, 'Events')).toEqual(['eventTracked', 'orderPlaced', 'analytics:eventTracked', 'analytics:orderPlaced', 'analytics:itemCreated'])
  })

  it('lets its own name used as a prefix win over a dependency alias of the same name, as the runtime does', () => {
    const m = model(seed003)
    expect(typeOf(m, 'CallableActions', 'analytics:trackEvent')).toBe('{ input: TrackEventInput; output: TrackEventOutput }')
    expect(typeOf(m, 'CallableActions', 'trackEvent')).toBe('{ input: TrackEventInput; output: TrackEventOutput }')
  })

  it('calls interface and integration actions by dependency alias, entities at their base schema', () => {
    const m = model(assistant)
    expect(keys(m, 'CallableActions')).toEqual([
      'answer', 'assistant:answer', 'llm:generateContent', 'llm:listLanguageModels', 'claude:countTokens', 'claude:generateContent', 'claude:listLanguageModels',
    ])
    expect(keys(m, 'Interfaces')).toEqual(['llm'])
    expect(keys(m, 'Integrations')).toEqual(['claude'])
    expect(keys(m, 'Tables')).toEqual(['questions', 'assistant:questions'])
    expect(schemaOf(m, 'AnswerInput')?.properties?.model).toEqual({ type: ['object'], properties: { id: { type: ['string'] } }, required: ['id'] })
  })

  it('receives the standard messages only', () => {
    expect(keys(model(assistant), 'Messages')).toEqual(['text', 'markdown', 'image', 'audio', 'video', 'file', 'location', 'carousel', 'card', 'dropdown', 'choice', 'bloc'])
  })

  it('rejects a payload schema that is not an object, naming where it is', () => {
    const plugin = new PluginDefinition({
      name: 'scalar', version: '1.0.0',
      actions: { count: { input: { schema: z.object({}) }, output: { schema: z.number() } } },
    })
    expect(() => model(plugin)).toThrow(/plugin "scalar", actions\.count\.output\.schema: the schema must describe an object/)
  })
})

describe('an integration\'s type model', () => {
  const m = model(chat)

  it('implements its own actions, those its interfaces brought included, and calls none', () => {
    expect(keys(m, 'Actions')).toEqual(['findUser', 'startTypingIndicator', 'stopTypingIndicator', 'createChannel'])
    expect(keys(m, 'CallableActions')).toEqual([])
  })

  it('types channels, messages across channels, and secrets (optional ones possibly missing)', () => {
    expect(keys(m, 'Channels')).toEqual(['dm', 'thread'])
    expect(typeOf(m, 'Messages', 'text')).toBe('DmTextMessage | ThreadTextMessage')
    expect(typeOf(m, 'Secrets', 'BOT_TOKEN')).toBe('string')
    expect(typeOf(m, 'Secrets', 'SIGNING_SECRET')).toBe('string | undefined')
    expect(Object.fromEntries(record(m, 'Types').fields.map((f) => [f.key, printType(f.type)]))).toMatchObject({ secrets: 'Secrets', channels: 'Channels' })
  })
})

describe('an interface\'s type model', () => {
  it('gives its entities, actions and events with entities at their base schemas', () => {
    const m = model(llm)
    expect(keys(m, 'Entities')).toEqual(['modelRef'])
    expect(keys(m, 'Actions')).toEqual(['generateContent', 'listLanguageModels'])
    expect(m.records.map((r) => r.name)).not.toContain('Types')
  })
})
