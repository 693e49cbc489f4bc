import { schemaFingerprint, standardMessages, type Schema } from '@parley/sdk'
import type { ModelBuilder, Where } from './builder.js'
import { union, type Field, type TypeExpr } from './model.js'

/** One declaration of a message type: the standard one, or one channel's. */
export interface MessageSource {
  readonly type: string
  readonly schema: Schema
  /** Name parts for its payload type, should it differ from the first declaration of its type. */
  readonly nameParts: readonly string[]
  readonly where: Where
  /** Its payload type, when already generated (for a channel's own record). */
  readonly payload?: TypeExpr
}

export function standardMessageSources(): MessageSource[] {
  return Object.entries(standardMessages).map(([type, message]) => ({
    type,
    schema: message.schema,
    nameParts: [type],
    where: { definition: 'the standard messages', entity: type },
  }))
}

/**
 * Messages by type. Channels that declare a type differently from one another (or from the standard
 * one) make its payload a union of the variants, since a handler of that type may receive any of them.
 */
export function messageFields(b: ModelBuilder, sources: readonly MessageSource[]): Field[] {
  const byType = new Map<string, MessageSource[]>()
  for (const source of sources) byType.set(source.type, [...(byType.get(source.type) ?? []), source])
  return [...byType].map(([type, declared]) => ({ key: type, type: union(distinct(declared).map((s, i) => payload(b, s, i))) }))
}

function payload(b: ModelBuilder, source: MessageSource, index: number): TypeExpr {
  if (source.payload) return source.payload
  const parts = index === 0 ? [source.type, 'Message'] : [...source.nameParts, 'Message']
  return b.payload(parts, source.schema, source.where)
}

function distinct(sources: readonly MessageSource[]): MessageSource[] {
  const seen = new Set<string>()
  return sources.filter((source) => {
    const print = schemaFingerprint(source.schema)
    if (seen.has(print)) return false
    seen.add(print)
    return true
  })
}

/** One channel whose message types join a module's messages. */
export interface ChannelMessages {
  /** Who declares it: `integration "slack"`. */
  readonly definition: string
  /** Its name as its definition writes it. */
  readonly channel: string
  /** Name parts distinguishing its payload types from other channels': `['slack', 'dm']`. */
  readonly nameParts: readonly string[]
  readonly messages: Readonly<Record<string, { readonly schema: Schema }>>
}

export function channelMessageSources(channels: readonly ChannelMessages[]): MessageSource[] {
  return channels.flatMap((c) =>
    Object.entries(c.messages).map(([type, message]) => ({
      type,
      schema: message.schema,
      nameParts: [...c.nameParts, type],
      where: { definition: c.definition, entity: `channels.${c.channel}.messages.${type}` },
    })),
  )
}
