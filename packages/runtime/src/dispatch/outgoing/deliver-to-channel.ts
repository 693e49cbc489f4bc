import type { Context, Message, Tags } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../engine/errors.js'
import type { IntegrationUnit } from '../../engine/units.js'
import { storedTags, toConversation, toUser } from '../../engine/records.js'
import { recordFailure } from '../handlers/failures.js'
import { WEBCHAT } from '../../engine/channels.js'
import type * as storage from '../../storage/index.js'

/**
 * Hands a stored outgoing message to the integration whose channel the conversation is on. The built-in
 * chat reads messages from storage and listeners, so it needs nothing here.
 */
export async function deliverToChannel(engine: Engine, ctx: Context, conversation: storage.Conversation, message: Message): Promise<void> {
  if (conversation.integration === WEBCHAT.integration) return
  const unit = engine.integrations.get(conversation.integration)
  if (!unit) return
  const handler = `channel "${conversation.channel}" message "${message.type}"`
  try {
    await send(engine, unit, ctx, conversation, message)
  } catch (error) {
    recordFailure(engine, unit, { ...ctx, messageId: message.id }, handler, error)
  }
}

async function send(engine: Engine, unit: IntegrationUnit, ctx: Context, conversation: storage.Conversation, message: Message): Promise<void> {
  const channel = unit.implementation?.channels[conversation.channel] as { messages?: Record<string, (props: never) => unknown> } | undefined
  const deliver = channel?.messages?.[message.type]
  if (!deliver) {
    throw new RuntimeError('IMPLEMENTATION_MISSING', `${unit.scope.owner} cannot send "${message.type}" messages on channel "${conversation.channel}"; add channels.${conversation.channel}.messages.${message.type} to its implementation`)
  }
  const user = await engine.stores.users.get(message.userId)
  const ack = async ({ tags }: { tags: Tags }) => void (await engine.stores.messages.update(message.id, { tags: storedTags(tags) ?? {} }))
  await deliver({
    ...engine.props.integration(unit, ctx), type: message.type, payload: message.payload, message,
    conversation: toConversation(conversation), user: user ? toUser(user) : undefined, ack,
  } as never)
}
