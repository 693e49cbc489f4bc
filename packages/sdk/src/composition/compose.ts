import { prefixed } from '../schema/names.js'
import { resolveSchema } from '../schema/schema-source.js'
import { mapValues } from '../util/records.js'
import type {
  ActionDefinition, ChannelDefinition, EventDefinition, Named, RecurringEventDefinition, StateDefinition,
  TableDefinition, TagsDefinition, WorkflowDefinition,
} from '../definitions/entities.js'
import type {
  ComposedAction, ComposedChannel, ComposedEntities, ComposedEvent, ComposedRecurringEvent, ComposedState,
} from './composed-entities.js'
import type { IntegrationInstance, Origin, PluginInstance } from './instances.js'
import { mergeFlat, tableFingerprint, tagFingerprint, workflowFingerprint, type FlatSource } from './merge-flat.js'

/** The bot's own entities, as its definition declares them (no prefixes, no entity references). */
export interface OwnEntities {
  readonly states: Named<StateDefinition>
  readonly events: Named<EventDefinition>
  readonly actions: Named<ActionDefinition>
  readonly tables: Named<TableDefinition>
  readonly workflows: Named<WorkflowDefinition>
  readonly recurringEvents: Named<RecurringEventDefinition>
  readonly user: TagsDefinition
  readonly conversation: TagsDefinition
  readonly message: TagsDefinition
}

/** What one source (the bot, a plugin, an integration) contributes, already in its own names. */
interface Contribution {
  readonly origin: Origin
  readonly prefix: (name: string) => string
  readonly states: Named<StateDefinition>
  readonly events: Named<Omit<ComposedEvent, keyof OwnedKeys>>
  readonly actions: Named<Omit<ComposedAction, keyof OwnedKeys>>
  readonly channels: Named<Omit<ComposedChannel, keyof OwnedKeys>>
  readonly recurringEvents: Named<RecurringEventDefinition>
  readonly flat: Pick<OwnEntities, 'tables' | 'workflows' | 'user' | 'conversation' | 'message'>
}
type OwnedKeys = { origin: unknown; localName: unknown }

const NO_ENTITIES = {}

/**
 * Merges a bot with its integrations and plugins: states, events, actions, channels and recurring
 * events of packages become `alias:name`; tags, tables and workflows merge by name, and a clash throws.
 */
export function compose(own: OwnEntities, integrations: readonly IntegrationInstance[], plugins: readonly PluginInstance[]): ComposedEntities {
  const contributions = [fromBot(own), ...integrations.map(fromIntegration), ...plugins.map(fromPlugin)]
  const flat = <T>(pick: (c: Contribution['flat']) => Named<T> | undefined): FlatSource<T>[] =>
    contributions.map((c) => ({ origin: c.origin, entries: pick(c.flat) }))
  const tags = (key: 'user' | 'conversation' | 'message') => mergeFlat(`${key} tag`, flat((f) => f[key].tags), tagFingerprint)
  return {
    states: collect(contributions, (c) => c.states),
    events: collect(contributions, (c) => c.events),
    actions: collect(contributions, (c) => c.actions),
    channels: collect(contributions, (c) => c.channels),
    recurringEvents: collect(contributions, (c) => mapValues(c.recurringEvents, (r) => ({ ...r, type: c.prefix(r.type) }))),
    tables: mergeFlat('table', flat((f) => f.tables), tableFingerprint),
    workflows: mergeFlat('workflow', flat((f) => f.workflows), workflowFingerprint),
    user: { tags: tags('user') },
    conversation: { tags: tags('conversation') },
    message: { tags: tags('message') },
  }
}

/** Prefixed entities cannot clash: aliases are unique and own names hold no separator. */
function collect<T>(contributions: readonly Contribution[], pick: (c: Contribution) => Named<T>): Record<string, T & { origin: Origin; localName: string }> {
  const out: Record<string, T & { origin: Origin; localName: string }> = {}
  for (const c of contributions) {
    for (const [localName, value] of Object.entries(pick(c))) out[c.prefix(localName)] = { ...value, origin: c.origin, localName }
  }
  return out
}

function fromBot(own: OwnEntities): Contribution {
  return {
    origin: { kind: 'bot' },
    prefix: (name) => name,
    states: own.states,
    events: mapValues(own.events, (e) => ({ ...e, schema: resolveSchema(e.schema, NO_ENTITIES) })),
    actions: mapValues(own.actions, (a) => resolveAction(a)),
    channels: {},
    recurringEvents: own.recurringEvents,
    flat: own,
  }
}

function fromIntegration(instance: IntegrationInstance): Contribution {
  const { definition } = instance
  return {
    origin: { kind: 'integration', alias: instance.alias, packageName: definition.name },
    prefix: (name) => prefixed(instance.alias, name),
    states: {}, // an integration's states are its own business, reached only through its implementation
    events: mapValues(definition.events, (e) => ({ ...e, schema: resolveSchema(e.schema, NO_ENTITIES) })),
    actions: mapValues(definition.actions, (a) => resolveAction(a)),
    channels: mapValues(definition.channels, (channel: ChannelDefinition) => ({
      title: channel.title,
      messages: mapValues(channel.messages, (m) => ({ schema: resolveSchema(m.schema, NO_ENTITIES) })),
    })),
    recurringEvents: {},
    flat: { tables: {}, workflows: {}, user: definition.user, conversation: {}, message: {} },
  }
}

function fromPlugin(instance: PluginInstance): Contribution {
  const { definition } = instance
  const entities = mapValues(instance.interfaces, (route) => route.entities)
  const resolved = definition.resolve(entities)
  return {
    origin: { kind: 'plugin', alias: instance.alias, packageName: definition.name },
    prefix: (name) => prefixed(instance.alias, name),
    states: definition.states,
    events: resolved.events,
    actions: resolved.actions,
    channels: {},
    recurringEvents: definition.recurringEvents,
    flat: definition,
  }
}

function resolveAction(action: ActionDefinition): Omit<ComposedAction, keyof OwnedKeys> {
  return {
    ...action,
    input: { schema: resolveSchema(action.input.schema, NO_ENTITIES) },
    output: { schema: resolveSchema(action.output.schema, NO_ENTITIES) },
  }
}
