import type { Client, Conversation, User } from '@parley/sdk'
import type { WebchatGrant, WebchatKeys } from '../auth/webchat-keys.js'
import type { HostedBot } from '../host.js'

/** The channel web chat conversations are created on. */
export const WEBCHAT_CHANNEL = 'webchat'

export interface WebchatSession {
  readonly userKey: string
  readonly user: User
  readonly conversation: Conversation
}

/**
 * A web chat visitor's session: the one its key names when the key is still good for this bot and both
 * records exist, with a fresh key (so a visitor who keeps coming back never sees the key expire), else a
 * new user in a new conversation with a key for them.
 */
export async function openSession(bot: HostedBot, keys: WebchatKeys, request: { readonly userKey?: string; readonly name?: string }): Promise<WebchatSession> {
  const verified = request.userKey === undefined ? undefined : keys.verify(request.userKey)
  const grant = verified && !verified.expired && verified.grant.botId === bot.id ? verified.grant : undefined
  const resumed = grant && (await resume(bot.client, grant))
  if (grant && resumed) return { userKey: keys.issue(grant), ...resumed }
  const { user } = await bot.client.getOrCreateUser(request.name === undefined ? {} : { name: request.name })
  const { conversation } = await bot.client.getOrCreateConversation({ channel: WEBCHAT_CHANNEL })
  return { userKey: keys.issue({ botId: bot.id, userId: user.id, conversationId: conversation.id }), user, conversation }
}

async function resume(client: Client, grant: WebchatGrant): Promise<{ user: User; conversation: Conversation } | undefined> {
  try {
    const [{ user }, { conversation }] = await Promise.all([client.getUser({ id: grant.userId }), client.getConversation({ id: grant.conversationId })])
    return { user, conversation }
  } catch {
    // Deleted records, or a database reset under `parley dev`: a fresh session is what the visitor needs.
    return undefined
  }
}
