import { prefixed, splitPrefixed, standardMessages, type BotDefinition, type Schema } from '@parley/sdk'
import { RuntimeError } from './errors.js'
import { quoteList } from './scope/shared-names.js'
import { ownValue } from '../guards/index.js'

/** Where a conversation happens: the built-in web chat, or a channel of an integration. */
export interface ChannelRef {
  readonly integration: string
  readonly channel: string
}

/** The built-in chat (web page and terminal) is a channel of a pseudo integration of this name. */
export const WEBCHAT: ChannelRef = { integration: 'webchat', channel: 'webchat' }

/** `webchat`, or `alias:channel` for an integration's channel: how `Conversation.channel` spells it. */
export function channelName(ref: ChannelRef): string {
  return ref.integration === WEBCHAT.integration ? WEBCHAT.channel : prefixed(ref.integration, ref.channel)
}

/** Reads a channel name, checking the bot has that channel. */
export function parseChannel(definition: BotDefinition, name: string | undefined): ChannelRef {
  if (name === undefined || name === WEBCHAT.channel) return WEBCHAT
  const { alias, name: channel } = splitPrefixed(name)
  if (alias !== undefined && Object.hasOwn(definition.channels, name)) return { integration: alias, channel }
  const known = [WEBCHAT.channel, ...Object.keys(definition.channels)]
  throw new RuntimeError('NAME_UNKNOWN', `the bot has no channel "${name}"; its channels are ${quoteList(known)}`)
}

/** The schema of a message type on a channel: the channel's own types first, then the standard ones. */
export function messageSchema(definition: BotDefinition, ref: ChannelRef, type: string): Schema {
  const own = ref.integration === WEBCHAT.integration ? {} : ownValue(definition.channels, prefixed(ref.integration, ref.channel))?.messages ?? {}
  const schema = ownValue(own, type)?.schema ?? (Object.hasOwn(standardMessages, type) ? standardMessages[type as keyof typeof standardMessages].schema : undefined)
  if (schema) return schema
  const known = [...Object.keys(own), ...Object.keys(standardMessages)]
  throw new RuntimeError('MESSAGE_TYPE_UNKNOWN', `channel "${channelName(ref)}" has no message type "${type}"; use one of ${quoteList([...new Set(known)])}`)
}
