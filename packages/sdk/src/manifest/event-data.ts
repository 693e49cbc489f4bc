import type { Event, Message } from '../implementation/records.js'

/** A message as the handler's `event` dict: `message` is its text when it has one, its payload as JSON otherwise. */
export function messageData(message: Message): Record<string, unknown> {
  const payload = message.payload as Record<string, unknown> | undefined
  const text = typeof payload?.['text'] === 'string' ? payload['text'] : JSON.stringify(payload ?? null)
  return {
    session_id: message.conversationId,
    user_id: message.userId,
    message_id: message.id,
    message: text,
    type: message.type,
    payload: payload ?? null,
    tags: message.tags,
    direction: message.direction,
    created_at: message.createdAt,
  }
}

export function eventData(event: Event): Record<string, unknown> {
  return {
    event_type: event.type,
    event_id: event.id,
    payload: event.payload ?? null,
    session_id: event.conversationId ?? null,
    user_id: event.userId ?? null,
    created_at: event.createdAt,
  }
}
