import { BotDefinition, IntegrationDefinition, InterfaceDefinition, PluginDefinition, z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { botScope } from './bot-scope.js'
import { packageScope } from './package-scope.js'

const service = new InterfaceDefinition({
  name: 'service', version: '1.0.0',
  actions: { track: { input: { schema: z.object({}) }, output: { schema: z.object({}) } } },
  events: { itemCreated: { schema: z.object({}) } },
})
const backend = new IntegrationDefinition({
  name: 'backend', version: '1.0.0', entities: {},
  actions: { ping: { input: { schema: z.object({}) }, output: { schema: z.object({}) } } },
}).extend(service, () => ({ entities: {} }))
const empty = z.object({})
const analytics = new PluginDefinition({
  name: 'analytics', version: '1.0.0',
  interfaces: { analytics: service },
  integrations: { be: backend },
  states: { userSession: { type: 'user', schema: empty } },
  events: { eventTracked: { schema: empty } },
  actions: { trackEvent: { input: { schema: empty }, output: { schema: empty } } },
  tables: { hits: { schema: z.object({ n: z.number() }) } },
})
const crm = new PluginDefinition({ name: 'crm', version: '1.0.0', states: { notes: { type: 'bot', schema: empty } } })

function bot() {
  const definition = new BotDefinition({ states: { own: { type: 'bot', schema: empty } }, events: { eventTracked: { schema: empty } } })
  definition.addIntegration(backend, { alias: 'svc' })
  definition.addPlugin(analytics, { alias: 'stats', dependencies: { analytics: { integrationAlias: 'svc', integrationInterfaceAlias: 'service' }, be: { integrationAlias: 'svc' } } })
  definition.addPlugin(crm, {})
  return definition
}

function statsScope(definition = bot()) {
  const instance = definition.plugins['stats']!
  return packageScope(definition, {
    kind: 'plugin', alias: 'stats', packageName: 'analytics', interfaces: instance.interfaces, integrations: instance.integrations,
    own: { state: Object.keys(analytics.states), event: Object.keys(analytics.events), action: Object.keys(analytics.actions) },
  })
}

describe('a plugin scope', () => {
  it('adds its alias to its own names, written bare or after its package name or alias', () => {
    const scope = statsScope()
    expect(scope.resolve('state', 'userSession')).toBe('stats:userSession')
    expect(scope.resolve('state', 'analytics:userSession')).toBe('stats:userSession')
    expect(scope.resolve('state', 'stats:userSession')).toBe('stats:userSession')
    expect(scope.resolve('action', 'trackEvent')).toBe('stats:trackEvent')
  })

  it('routes interface and integration names to the integration that backs them', () => {
    const scope = statsScope()
    expect(scope.resolve('action', 'analytics:track')).toBe('svc:track')
    expect(scope.resolve('event', 'analytics:itemCreated')).toBe('svc:itemCreated')
    expect(scope.resolve('action', 'be:ping')).toBe('svc:ping')
  })

  it('shows the bot\'s names back as the plugin writes them', () => {
    const scope = statsScope()
    expect(scope.local('event', 'stats:eventTracked')).toBe('analytics:eventTracked')
    expect(scope.local('event', 'svc:itemCreated')).toBe('analytics:itemCreated')
    expect(scope.local('event', 'eventTracked')).toBe('eventTracked')
    expect(scope.local('action', 'svc:ping')).toBe('be:ping')
  })

  it('refuses another plugin\'s state, naming both', () => {
    expect(() => statsScope().resolve('state', 'crm:notes')).toThrow(
      'plugin "analytics" (alias "stats") cannot use state "crm:notes" of plugin "crm"; a plugin reaches only its own states ("userSession")',
    )
  })

  it('refuses the bot\'s own event of the same name as its own', () => {
    const scope = statsScope()
    expect(scope.resolve('event', 'eventTracked')).toBe('stats:eventTracked')
    expect(() => scope.resolve('state', 'own')).toThrow(/cannot use state "own" of the bot/)
  })

  it('lists what it can reach when a name is unknown', () => {
    expect(() => statsScope().resolve('action', 'nope')).toThrow(
      'plugin "analytics" (alias "stats") has no action "nope"; its actions are "trackEvent", "analytics:track", "svc:track", "be:ping", "be:track"',
    )
  })

  it('finds tables flat, with or without a plugin prefix', () => {
    const scope = statsScope()
    expect(scope.table('hits')).toBe('hits')
    expect(scope.table('analytics:hits')).toBe('hits')
    expect(() => scope.table('misses')).toThrow('plugin "analytics" (alias "stats") uses table "misses", which the bot does not have; its tables are "hits"')
  })
})

describe('the bot scope', () => {
  it('takes every composed name as it is', () => {
    const scope = botScope(bot())
    expect(scope.resolve('state', 'stats:userSession')).toBe('stats:userSession')
    expect(scope.resolve('action', 'svc:ping')).toBe('svc:ping')
    expect(scope.local('event', 'stats:eventTracked')).toBe('stats:eventTracked')
    expect(() => scope.resolve('event', 'nope')).toThrow('the bot has no event "nope"; its events are "eventTracked", "svc:itemCreated", "stats:eventTracked"')
  })
})
