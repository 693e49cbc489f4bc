import {
  definitionOf, prefixed, type AnyIntegrationDefinition, type AnyPluginDefinition, type InterfaceDefinition, type Named,
  type PackageRef, type Schema, type StateDefinition, type TableDefinition, type WorkflowDefinition,
} from '@parley/sdk'
import { createModelBuilder, type ModelBuilder, type Where } from './builder.js'
import { actionTypes, calledActionType, eventType, field, fieldsOf, stateType, tableType, workflowType, type ActionLike, type EventLike } from './fields.js'
import { messageFields, standardMessageSources } from './messages.js'
import { named, object, type Field, type TypeModel } from './model.js'
import { keyValueFields } from './kv.js'
import { pluginNamespaces } from './plugin-namespaces.js'
import { byKey, implementationTypes } from './records.js'

/** A plugin's own entities, with every interface entity reference replaced by its base schema. */
interface OwnEntities {
  readonly name: string
  readonly actions: Named<ActionLike>
  readonly events: Named<EventLike>
  readonly states: Named<StateDefinition>
  readonly tables: Named<TableDefinition>
  readonly workflows: Named<WorkflowDefinition>
}

/** An interface or integration the plugin depends on, under the alias the plugin gave it. */
interface Dependency {
  readonly alias: string
  readonly actions: readonly Field[]
  /** Its entities' base schemas, by name (interfaces only). */
  readonly entities?: readonly Field[]
  /** Its channels' message payloads, by channel, then message type. */
  readonly channels?: readonly Field[]
}

/**
 * A plugin sees its own names bare, and also prefixed with its definition name (`analytics:trackEvent`,
 * as seed code writes them). Its dependencies are reached as `dependencyAlias:name`; where such a name
 * equals one prefixed with the plugin's own name, the plugin's own wins, as the runtime resolves it.
 * Interface entities are their interface's base schemas.
 */
export function resolvePlugin(definition: AnyPluginDefinition): TypeModel {
  // Seen through OwnEntities: a plugin of any type parameters holds these maps, schemas now concrete.
  const plugin = definition.dereferenceEntities() as unknown as OwnEntities & AnyPluginDefinition
  const b = createModelBuilder()
  const at = (entity: string): Where => ({ definition: `plugin "${plugin.name}"`, entity })
  b.payload(['Configuration'], plugin.configuration.schema, at('configuration'), 'output')
  const own = ownFields(b, plugin, at)
  const interfaces = interfaceDependencies(b, plugin.interfaces)
  const integrations = integrationDependencies(b, plugin.integrations)
  const withOwnName = (fields: readonly Field[]) => [...fields, ...fields.map((f) => ({ ...f, key: prefixed(plugin.name, f.key) }))]
  const dependencyActions = [...interfaces, ...integrations].flatMap((d) => d.actions.map((f) => ({ ...f, key: prefixed(d.alias, f.key) })))
  b.record('Actions', 'Actions this plugin implements, by name.', own.actions)
  b.record('Interfaces', 'Actions of each interface this plugin depends on, by alias.', interfaces.map(asRecordField))
  b.record('Integrations', 'Actions of each integration this plugin depends on, by alias.', integrations.map(asRecordField))
  b.record('CallableActions', 'Actions `client.callAction` may call: the plugin\'s own (bare or `plugin:name`) and `alias:name` of its dependencies.', byKey([...withOwnName(own.calledActions), ...dependencyActions]))
  b.record('Events', 'Event payloads by type: the plugin\'s own (bare or `plugin:name`) and `alias:name` of its interfaces\' events.', byKey([...withOwnName(own.events), ...interfaceEvents(b, plugin.interfaces)]))
  b.record('States', 'The plugin\'s states by name (bare or `plugin:name`): who owns each, and its payload.', withOwnName(own.states))
  b.record('Tables', 'Table rows by table name (bare or `plugin:name`); tables are shared by name across the bot.', withOwnName(own.tables))
  b.record('Workflows', 'Workflow input and output by workflow name.', own.workflows)
  b.record('Messages', 'Message payloads by message type.', messageFields(b, standardMessageSources()))
  b.record('DependencyChannels', 'Message payloads of each dependency\'s channels, by alias, then channel, then message type.', interfaces.filter((d) => d.channels?.length).map((d) => ({ key: d.alias, type: object(d.channels!) })))
  const kv = keyValueFields(b, plugin.kv, at)
  if (kv.length > 0) b.record('KeyValues', 'What the plugin keeps in its key-value store, by key (or key prefix).', kv)
  b.record('Types', 'Everything this plugin\'s handlers are typed by.', [
    ...implementationTypes(), { key: 'dependencyChannels', type: named('DependencyChannels') }, ...(kv.length > 0 ? [{ key: 'kv', type: named('KeyValues') }] : []),
  ])
  b.namespace(pluginNamespaces(plugin, { interfaces, integrations }))
  return b.build('plugin', plugin.name)
}

function ownFields(b: ModelBuilder, plugin: OwnEntities, at: (entity: string) => Where) {
  return {
    ...ownActions(b, plugin, at),
    events: fieldsOf(plugin.events, (name, e) => eventType(b, [name], e, at(`events.${name}`))),
    states: fieldsOf(plugin.states, (name, s) => stateType(b, [name], s, at(`states.${name}`))),
    tables: fieldsOf(plugin.tables, (name, t) => tableType(b, [name], t, at(`tables.${name}`))),
    workflows: fieldsOf(plugin.workflows, (name, w) => workflowType(b, [name], w, at(`workflows.${name}`))),
  }
}

export type { Dependency }

/** The plugin's actions as it implements them, and as it calls them (`actions.trackEvent(…)`). */
function ownActions(b: ModelBuilder, plugin: OwnEntities, at: (entity: string) => Where): { actions: Field[]; calledActions: Field[] } {
  const sides = Object.entries(plugin.actions).map(([name, a]) => ({ name, a, sides: actionTypes(b, [name], a, at(`actions.${name}`)) }))
  return {
    actions: sides.map(({ name, a, sides }) => field(name, sides.implemented, a)),
    calledActions: sides.map(({ name, a, sides }) => field(name, sides.called, a)),
  }
}

const asRecordField = (d: Dependency): Field => ({ key: d.alias, type: object(d.actions) })

function interfaceDependencies(b: ModelBuilder, refs: Named<PackageRef<InterfaceDefinition>>): Dependency[] {
  return Object.entries(refs).map(([alias, ref]) => {
    const iface = definitionOf(ref)
    const resolved = iface.resolve()
    const at = (entity: string) => ({ definition: `interface "${iface.name}"`, entity })
    const actions = Object.entries(resolved.actions).map(([name, a]) =>
      field(name, calledActionType(b, [alias, name], { input: { schema: a.input }, output: { schema: a.output } }, at(`actions.${name}`)), a))
    const entities = Object.entries(iface.entities as Named<{ readonly schema: Schema; readonly title?: string; readonly description?: string }>).map(([name, e]) =>
      field(name, b.payload([alias, name, 'Entity'], e.schema, at(`entities.${name}`)), e))
    const channels = Object.entries(resolved.channels).map(([channel, c]) => ({
      key: channel,
      type: object(Object.entries(c.messages).map(([type, schema]) => ({ key: type, type: b.payload([alias, channel, type, 'Message'], schema, at(`channels.${channel}.messages.${type}`)) }))),
    }))
    return { alias, actions, entities, channels }
  })
}

function integrationDependencies(b: ModelBuilder, refs: Named<PackageRef<AnyIntegrationDefinition>>): Dependency[] {
  return Object.entries(refs).map(([alias, ref]) => {
    const integration = definitionOf(ref)
    const actions = Object.entries(integration.actions).map(([name, a]) => {
      const where = { definition: `integration "${integration.name}"`, entity: `actions.${name}` }
      return field(name, calledActionType(b, [alias, name], a, where), a)
    })
    return { alias, actions }
  })
}

function interfaceEvents(b: ModelBuilder, refs: Named<PackageRef<InterfaceDefinition>>): Field[] {
  return Object.entries(refs).flatMap(([alias, ref]) => {
    const iface = definitionOf(ref)
    return Object.entries(iface.resolve().events).map(([name, e]) => {
      const where = { definition: `interface "${iface.name}"`, entity: `events.${name}` }
      return field(prefixed(alias, name), eventType(b, [alias, name], e, where), e)
    })
  })
}
