import { describeOrigin, type BotDefinition, type Origin } from '@parley/sdk'
import { createModelBuilder, type ModelBuilder, type Where } from './builder.js'
import { actionTypes, eventType, fieldsOf, stateType, tableType, workflowType } from './fields.js'
import { channelMessageSources, messageFields, standardMessageSources } from './messages.js'
import { object, type Field, type TypeModel } from './model.js'
import { implementationTypes } from './records.js'
import { actionEntries, ioEntries, member, namespaceName, recordEntries, ref, stateEntries, typeName, type NamespaceEntry } from './namespaces.js'

/** The bot's own entities, and its integrations', under Botpress's names. Plugins' are reached by full name in the records. */
function botNamespaces(bot: BotDefinition): NamespaceEntry[] {
  const own = (group: Readonly<Record<string, { readonly origin?: Origin; readonly origins?: readonly Origin[] }>>) =>
    Object.keys(group).filter((name) => (group[name]!.origin ?? group[name]!.origins![0]!).kind === 'bot')
  return [
    { path: ['configuration', 'Configuration'], type: ref('Configuration') },
    ...stateEntries(own(bot.states)),
    ...recordEntries('events', 'Events', own(bot.events)),
    ...actionEntries(['actions'], 'Actions', [], own(bot.actions)),
    ...recordEntries('tables', 'Tables', Object.keys(bot.tables)),
    ...recordEntries('workflows', 'Workflows', Object.keys(bot.workflows), (name) => ioEntries('workflows', 'Workflows', name)),
    ...Object.entries(bot.integrations).flatMap(([alias, instance]) =>
      actionEntries(['integrations', namespaceName(alias), 'actions'], 'Integrations', [alias], Object.keys(instance.definition.actions))),
    { path: ['integrations', 'Integrations'], type: ref('Integrations') },
    ...Object.keys(bot.integrations).map((alias) => ({ path: ['integrations', namespaceName(alias), typeName(alias)], type: member('Integrations', alias) })),
  ]
}

/**
 * A bot sees its composition: its own actions to implement, and every composed action, event and
 * state under its full name (`analytics:trackEvent`); tables and workflows merged by name.
 */
export function resolveBot(bot: BotDefinition): TypeModel {
  const b = createModelBuilder()
  b.payload(['Configuration'], bot.configuration.schema, { definition: 'the bot', entity: 'configuration' }, 'output')
  const sides = new Map(Object.entries(bot.actions).map(([key, a]) => [key, actionTypes(b, [key], a, whereOf(a.origin, 'actions', a.localName))]))
  const callable = fieldsOf(bot.actions, (key) => sides.get(key)!.called)
  const own = fieldsOf(bot.actions, (key) => sides.get(key)!.implemented).filter((f) => bot.actions[f.key]!.origin.kind === 'bot')
  b.record('Actions', 'Actions this bot implements, by name.', own)
  b.record('CallableActions', 'Actions `client.callAction` may call: the bot\'s own, and `alias:name` of its plugins and integrations.', callable)
  b.record('Events', 'Event payloads by event type.', fieldsOf(bot.events, (key, e) => eventType(b, [key], e, whereOf(e.origin, 'events', e.localName))))
  b.record('States', 'States by name: who owns each, and its payload.', fieldsOf(bot.states, (key, s) => stateType(b, [key], s, whereOf(s.origin, 'states', s.localName))))
  b.record('Tables', 'Table rows by table name.', fieldsOf(bot.tables, (key, t) => tableType(b, [key], t, whereOf(t.origins[0]!, 'tables', key))))
  b.record('Workflows', 'Workflow input and output by workflow name.', fieldsOf(bot.workflows, (key, w) => workflowType(b, [key], w, whereOf(w.origins[0]!, 'workflows', key))))
  b.record('Messages', 'Message payloads by message type: the standard ones and those of every channel.', messages(b, bot))
  b.record('Interfaces', 'A bot depends on no interface; its plugins do.', [])
  b.record('Integrations', 'Actions of each integration, by alias, then by the integration\'s own action name.', integrations(bot, callable))
  b.record('Types', 'Everything this bot\'s handlers are typed by.', implementationTypes())
  b.namespace(botNamespaces(bot))
  return b.build('bot', 'bot')
}

/** Errors name the entity where its owner declares it: `plugin "analytics", actions.trackEvent`. */
function whereOf(origin: Origin, group: string, localName: string): Where {
  return { definition: describeOrigin(origin), entity: `${group}.${localName}` }
}

function messages(b: ModelBuilder, bot: BotDefinition): Field[] {
  const channels = Object.entries(bot.channels).map(([key, c]) => ({
    definition: describeOrigin(c.origin),
    channel: c.localName,
    nameParts: [key],
    messages: c.messages,
  }))
  return messageFields(b, [...standardMessageSources(), ...channelMessageSources(channels)])
}

/** Each integration's actions under their own names, with the types `callable` gave them. */
function integrations(bot: BotDefinition, callable: readonly Field[]): Field[] {
  return Object.keys(bot.integrations).map((alias) => {
    const own = callable.flatMap((f) => {
      const { origin, localName } = bot.actions[f.key]!
      return origin.kind === 'integration' && origin.alias === alias ? [{ ...f, key: localName }] : []
    })
    return { key: alias, type: object(own) }
  })
}
