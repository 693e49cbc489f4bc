import { resolveSchema, z, type AnyIntegrationDefinition, type Named, type Schema } from '@parley/sdk'
import { createModelBuilder, type ModelBuilder } from './builder.js'
import { actionType, eventType, fieldsOf, stateType } from './fields.js'
import { channelMessageSources, messageFields, type ChannelMessages, type MessageSource } from './messages.js'
import { named, object, text, type Field, type TypeExpr, type TypeModel } from './model.js'
import { implementationTypes } from './records.js'
import { actionEntries, channelEntries, recordEntries, ref } from './namespaces.js'

type At = (entity: string) => { definition: string; entity: string }

/**
 * An integration sees its own actions (those its interfaces brought in included), events, states,
 * channels and secrets. It implements actions but calls none, and has no tables or workflows.
 */
export function resolveIntegration(integration: AnyIntegrationDefinition): TypeModel {
  const at: At = (entity) => ({ definition: `integration "${integration.name}"`, entity })
  const b = createModelBuilder()
  b.payload(['Configuration'], integration.configuration?.schema ?? z.object({}), at('configuration'), 'output')
  ownEntities(b, integration, at)
  // Each channel's message types get their own payload types; `Messages` reuses them.
  const sources = channelMessageSources(channelList(integration))
    .map((m) => ({ ...m, payload: b.payload([...m.nameParts, 'Message'], m.schema, m.where) }))
  b.record('Channels', 'Message payloads of each channel, by channel, then by message type.', channelFields(sources))
  b.record('Messages', 'Message payloads by type, across all channels.', messageFields(b, sources))
  b.record('Secrets', 'Secrets by name; an optional one may be missing.', fieldsOf(integration.secrets, (_, s) => text(s.optional ? 'string | undefined' : 'string')))
  for (const name of ['CallableActions', 'Tables', 'Workflows', 'Interfaces', 'Integrations']) b.record(name, 'Empty: an integration has none.', [])
  b.namespace([
    { path: ['configuration', 'Configuration'], type: ref('Configuration') },
    ...actionEntries(['actions'], 'Actions', [], Object.keys(integration.actions)),
    ...recordEntries('events', 'Events', Object.keys(integration.events)),
    ...recordEntries('states', 'States', Object.keys(integration.states)),
    ...recordEntries('entities', 'Entities', Object.keys(integration.entities)),
    ...channelEntries(['channels'], 'Channels', [], Object.fromEntries(Object.entries(integration.channels).map(([c, ch]) => [c, Object.keys(ch.messages)]))),
    { path: ['channels', 'Channels'], type: ref('Channels') },
  ])
  b.record('Types', 'Everything this integration\'s handlers are typed by.', [
    ...implementationTypes(),
    { key: 'secrets', type: named('Secrets') },
    { key: 'channels', type: named('Channels') },
  ])
  return b.build('integration', integration.name)
}

function ownEntities(b: ModelBuilder, integration: AnyIntegrationDefinition, at: At): void {
  const entities = integration.entities as Named<{ readonly schema: Schema; readonly title?: string; readonly description?: string }>
  b.record('Actions', 'Actions this integration implements, by name.', fieldsOf(integration.actions, (name, a) => actionType(b, [name], a, at(`actions.${name}`))))
  b.record('Events', 'Event payloads by event type.', fieldsOf(integration.events, (name, e) => eventType(b, [name], e, at(`events.${name}`))))
  b.record('States', 'States by name: who owns each, and its payload.', fieldsOf(integration.states, (name, s) => stateType(b, [name], s, at(`states.${name}`))))
  b.record('Entities', 'The integration\'s entities, by name.', fieldsOf(entities, (name, e) => b.payload([name, 'Entity'], e.schema, at(`entities.${name}`))))
}

function channelList(integration: AnyIntegrationDefinition): ChannelMessages[] {
  return Object.entries(integration.channels).map(([channel, c]) => ({
    definition: `integration "${integration.name}"`,
    channel,
    nameParts: [channel],
    messages: Object.fromEntries(Object.entries(c.messages).map(([type, m]) => [type, { schema: resolveSchema(m.schema, {}) }])),
  }))
}

/** Each channel's message types, by channel. */
function channelFields(sources: readonly (MessageSource & { readonly payload: TypeExpr })[]): Field[] {
  const byChannel = new Map<string, Field[]>()
  for (const m of sources) byChannel.set(m.nameParts[0]!, [...(byChannel.get(m.nameParts[0]!) ?? []), { key: m.type, type: m.payload }])
  return [...byChannel].map(([channel, fields]) => ({ key: channel, type: object(fields) }))
}
