/**
 * Where a handler runs. The ids are those of the conversation, user, message and event being handled
 * (an action inherits them from its caller); each is the empty string when there is none, and the
 * runtime rejects an empty id wherever one is needed, naming the call.
 */
export interface Context {
  readonly botId: string
  /** The alias of the plugin or integration whose handler this is; empty for the bot's own. */
  readonly alias: string
  readonly conversationId: string
  readonly userId: string
  readonly messageId: string
  readonly eventId: string
}
