import type { InterfaceDefinition, Named, Schema } from '@parley/sdk'
import { createModelBuilder, type ModelBuilder } from './builder.js'
import { calledActionType, eventType, fieldsOf } from './fields.js'
import { object, type Field, type TypeModel } from './model.js'
import { actionEntries, channelEntries, recordEntries, ref } from './namespaces.js'

const mapValues = <T, U>(record: Readonly<Record<string, T>>, fn: (value: T) => U): Record<string, U> =>
  Object.fromEntries(Object.entries(record).map(([key, value]) => [key, fn(value)]))

type At = (entity: string) => { definition: string; entity: string }

/**
 * An interface has no implementation of its own; its module gives the types of its entities, actions,
 * events and channels, with entity references resolved to the base entity schemas, for reference.
 */
export function resolveInterface(iface: InterfaceDefinition): TypeModel {
  const at: At = (entity) => ({ definition: `interface "${iface.name}"`, entity })
  const resolved = iface.resolve()
  const entities = iface.entities as Named<{ readonly schema: Schema; readonly title?: string; readonly description?: string }>
  const b = createModelBuilder()
  b.record('Entities', 'Entities by name: what each implementing integration maps one of its own to.', fieldsOf(entities, (name, e) => b.payload([name, 'Entity'], e.schema, at(`entities.${name}`))))
  b.record('Actions', 'Actions by name, with entities at their base schemas.', fieldsOf(resolved.actions, (name, a) => calledActionType(b, [name], { input: { schema: a.input }, output: { schema: a.output } }, at(`actions.${name}`))))
  b.record('Events', 'Event payloads by event type.', fieldsOf(resolved.events, (name, e) => eventType(b, [name], e, at(`events.${name}`))))
  b.record('Channels', 'Message payloads of each channel, by channel, then by message type.', channels(b, resolved.channels, at))
  b.namespace([
    ...actionEntries(['actions'], 'Actions', [], Object.keys(resolved.actions)),
    ...recordEntries('events', 'Events', Object.keys(resolved.events)),
    ...recordEntries('entities', 'Entities', Object.keys(entities)),
    ...channelEntries(['channels'], 'Channels', [], mapValues(resolved.channels, (c) => Object.keys(c.messages))),
    { path: ['channels', 'Channels'], type: ref('Channels') },
  ])
  return b.build('interface', iface.name)
}

function channels(b: ModelBuilder, resolved: Named<{ readonly messages: Named<Schema> }>, at: At): Field[] {
  return Object.entries(resolved).map(([channel, c]) => ({
    key: channel,
    type: object(Object.entries(c.messages).map(([type, schema]) => ({
      key: type,
      type: b.payload([channel, type, 'Message'], schema, at(`channels.${channel}.messages.${type}`)),
    }))),
  }))
}
