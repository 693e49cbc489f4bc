import type { Context, Message, Tags } from '@parley/sdk'
import { WEBCHAT } from '../../engine/channels.js'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../engine/errors.js'
import { storedTags, toConversation, toUser } from '../../engine/records.js'
import type { IntegrationUnit } from '../../engine/units.js'
import type * as storage from '../../storage/index.js'
import { recordFailure } from '../handlers/failures.js'

/**
 * Hands a stored outgoing message to the integration whose channel the conversation is on, and returns it
 * with the tags the channel acknowledged it with. The built-in chat reads messages from storage and
 * listeners, so it needs nothing here.
 */
export async function deliverToChannel(engine: Engine, ctx: Context, conversation: storage.Conversation, message: Message, stores: storage.BotStorage): Promise<Message> {
  if (conversation.integration === WEBCHAT.integration) return message
  const unit = engine.integrations.get(conversation.integration)
  if (!unit) return message
  const handler = `channel "${conversation.channel}" message "${message.type}"`
  try {
    const acknowledged = await send(engine, unit, ctx, { conversation, message, stores })
    return acknowledged ? { ...message, tags: { ...message.tags, ...acknowledged } } : message
  } catch (error) {
    recordFailure(engine, unit, { ...ctx, messageId: message.id }, handler, error)
    return message
  }
}

interface Delivery {
  readonly conversation: storage.Conversation
  readonly message: Message
  /** Where the recipient is read: the turn's stores, which hold it already. */
  readonly stores: storage.BotStorage
}

async function send(engine: Engine, unit: IntegrationUnit, ctx: Context, { conversation, message, stores }: Delivery): Promise<Tags | undefined> {
  const channel = unit.implementation?.channels[conversation.channel] as { messages?: Record<string, (props: never) => unknown> } | undefined
  const deliver = channel?.messages?.[message.type]
  if (!deliver) {
    throw new RuntimeError('IMPLEMENTATION_MISSING', `${unit.scope.owner} cannot send "${message.type}" messages on channel "${conversation.channel}"; add channels.${conversation.channel}.messages.${message.type} to its implementation`)
  }
  const user = await stores.users.get(message.userId)
  let acknowledged: Tags | undefined
  const ack = async ({ tags }: { tags: Tags }) => {
    acknowledged = { ...acknowledged, ...tags }
    await engine.stores.messages.update(message.id, { tags: storedTags(tags) ?? {} })
  }
  await deliver({
    ...engine.props.integration(unit, ctx, undefined), type: message.type, payload: message.payload, message,
    conversation: toConversation(conversation, engine.definition), user: user ? toUser(user) : undefined, ack,
  } as never)
  return acknowledged
}
