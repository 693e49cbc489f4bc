import type { Conversation, PendingMessage } from '../../storage/index.js'

/** One message as apps receive it, in the transcript shape of the seed's apps. */
export interface Segment {
  readonly id: string
  readonly text: string
  readonly speaker: string
  readonly speaker_id: string
  readonly is_user: boolean
  readonly type: string
  readonly created_at: string
}

/** Longest text of one segment; a message's payload beyond it is cut, so a batch stays a sensible size. */
const SEGMENT_TEXT_MAX = 10_000

export function toSegment(message: PendingMessage): Segment {
  const text = typeof message.payload['text'] === 'string' ? message.payload['text'] : JSON.stringify(message.payload)
  const isUser = message.direction === 'incoming'
  return {
    id: message.id, text: text.slice(0, SEGMENT_TEXT_MAX), speaker: isUser ? 'user' : 'bot', speaker_id: isUser ? message.userId : 'bot',
    is_user: isUser, type: message.type, created_at: message.createdAt,
  }
}

/** `transcript_processed`: what was said in one conversation since the last batch. */
export function transcriptBody(conversationId: string, messages: readonly PendingMessage[]) {
  return { session_id: conversationId, segments: messages.map(toSegment) }
}

/** `memory_creation`: a conversation that ended, with its messages and its structured fields (the conversation's tags). */
export function memoryBody(conversation: Conversation, messages: readonly PendingMessage[]) {
  const segments = messages.map(toSegment)
  const firstUserText = segments.find((segment) => segment.is_user)?.text ?? ''
  return {
    id: conversation.id,
    created_at: conversation.createdAt,
    started_at: segments[0]?.created_at ?? conversation.createdAt,
    finished_at: segments.at(-1)?.created_at ?? conversation.createdAt,
    transcript: segments.map((segment) => `${segment.is_user ? 'User' : 'Bot'}: ${segment.text}`).join('\n'),
    transcript_segments: segments,
    structured: { title: conversation.tags['title'] ?? firstUserText.slice(0, 80), tags: conversation.tags },
    conversation: { id: conversation.id, channel: conversation.channel, integration: conversation.integration, tags: conversation.tags },
  }
}

/** The user a conversation's batch is for: the last one who wrote in it, else the one the bot last wrote to. */
export function userOf(messages: readonly PendingMessage[]): string {
  return (messages.findLast((message) => message.direction === 'incoming') ?? messages.at(-1)!).userId
}
