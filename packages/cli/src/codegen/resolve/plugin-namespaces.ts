import type { AnyPluginDefinition } from '@parley/sdk'
import type { Field } from './model.js'
import { ioEntries, member, namespaceName, recordEntries, ref, stateEntries, typeName, type NamespaceEntry } from './namespaces.js'
import type { Dependency } from './plugin.js'

/** A plugin's types under Botpress's names: `configuration.Configuration`, `states.<name>.<Name>`, … */
export function pluginNamespaces(plugin: AnyPluginDefinition, dependencies: { interfaces: readonly Dependency[]; integrations: readonly Dependency[] }): NamespaceEntry[] {
  const names = (group: object) => Object.keys(group)
  return [
    { path: ['configuration', 'Configuration'], type: ref('Configuration') },
    ...stateEntries(names(plugin.states)),
    ...recordEntries('events', 'Events', names(plugin.events)),
    ...recordEntries('actions', 'Actions', names(plugin.actions), (name) => ioEntries('actions', 'Actions', name)),
    ...recordEntries('tables', 'Tables', names(plugin.tables)),
    ...recordEntries('workflows', 'Workflows', names(plugin.workflows), (name) => ioEntries('workflows', 'Workflows', name)),
    ...dependencies.interfaces.flatMap((d) => dependencyEntries('interfaces', 'Interfaces', d)),
    { path: ['interfaces', 'Interfaces'], type: ref('Interfaces') },
    ...dependencies.integrations.flatMap((d) => dependencyEntries('integrations', 'Integrations', d)),
    { path: ['integrations', 'Integrations'], type: ref('Integrations') },
  ]
}

/** `interfaces.<alias>.actions.<name>.input.Input`, `….entities.<name>.<Name>`, `….events.<name>.<Name>`, `….channels.<name>.…`. */
function dependencyEntries(group: string, record: string, d: Dependency): NamespaceEntry[] {
  const alias = namespaceName(d.alias)
  const at = (...path: string[]) => [group, alias, ...path]
  return [
    ...d.actions.flatMap((a) => [...ioEntries(group, record, a.key, [d.alias]).map((e) => ({ ...e, path: [...at('actions'), ...e.path.slice(2)] })), { path: at('actions', namespaceName(a.key), typeName(a.key)), type: member(record, d.alias, a.key) }]),
    { path: at('actions', 'Actions'), type: member(record, d.alias) },
    ...(d.entities ?? []).flatMap((e) => [{ path: at('entities', namespaceName(e.key), typeName(e.key)), type: e.type }]),
    ...(d.entities ? [{ path: at('entities', 'Entities'), type: objectOf(d.entities) }] : []),
    ...(d.channels ?? []).flatMap((c) => channelEntries(at, d.alias, c)),
  ]
}

function channelEntries(at: (...path: string[]) => string[], alias: string, channel: Field): NamespaceEntry[] {
  const types = channel.type.kind === 'object' ? channel.type.fields : []
  return [
    ...types.map((m) => ({ path: at('channels', namespaceName(channel.key), 'messages', namespaceName(m.key), typeName(m.key)), type: member('DependencyChannels', alias, channel.key, m.key) })),
    { path: at('channels', namespaceName(channel.key), 'Messages'), type: member('DependencyChannels', alias, channel.key) },
  ]
}

function objectOf(fields: readonly Field[]) {
  return { kind: 'object', fields } as const
}
