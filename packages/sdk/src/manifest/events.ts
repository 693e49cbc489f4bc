/**
 * The events a folder plugin may list in `plugin.json`, each handled by `on_<event>(event, sdk)`. Each
 * is a registration on the plugin's implementation, so it runs where Parley runs that handler or hook.
 */
export const MANIFEST_EVENTS = {
  /** An incoming message, before the bot's own handlers: `session_id`, `user_id`, `message` (its text), `message_id`, `type`, `payload`, `tags`. */
  message_received: 'message',
  /** A message the bot sent, once stored: `session_id`, `user_id`, `message`, `message_id`, `type`, `payload`, `tags`. */
  message_sent: 'afterOutgoingMessage',
  /** After every handler and reply for one incoming message: `session_id`, `user_id`, `message`, `message_id`. */
  turn_complete: 'afterIncomingMessage',
  /** The first message of a conversation, before `message_received`: `session_id`, `user_id`, `channel`. */
  session_created: 'message',
  /** An event (the bot's, a plugin's or an integration's): `event_type`, `event_id`, `payload`, `session_id`, `user_id`. */
  event_received: 'event',
} as const

export type ManifestEventName = keyof typeof MANIFEST_EVENTS

export const MANIFEST_EVENT_NAMES = Object.keys(MANIFEST_EVENTS) as ManifestEventName[]

export function isManifestEvent(name: string): name is ManifestEventName {
  return Object.hasOwn(MANIFEST_EVENTS, name)
}
