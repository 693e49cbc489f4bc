import type { Message, Tags, User } from '@parley/sdk'
import type { HandlerFailure, Runtime } from '../index.js'

/** What a user sends: a text, or a message of any type. */
export type Outgoing = string | { readonly type: string; readonly payload: object; readonly tags?: Tags }

/** One message sent to the bot and what came of it. */
export interface Exchange {
  /** The message as stored once handled, with the tags hooks and handlers wrote. */
  readonly message: Message
  /** What the bot sent in this conversation while handling it and the jobs it caused. */
  readonly replies: Message[]
  /** The text of each text reply, in order. */
  readonly texts: string[]
  /** Handlers and hooks that threw (each recorded; the others ran). */
  readonly failures: readonly HandlerFailure[]
  /** A before-hook stopped the message: no handler ran. */
  readonly stopped: boolean
}

/** A conversation between the bot and one user, as a test drives it. */
export interface TestConversation {
  readonly id: string
  readonly user: User
  /** Sends as the user and waits until the message and every job it caused are handled. */
  send(message: Outgoing): Promise<Exchange>
  /** Every message so far, oldest first. */
  messages(): Promise<Message[]>
  /** `user: hi`, `bot: hi` — one line per message. */
  transcript(): Promise<string[]>
}

export function testConversation(runtime: Runtime, settle: () => Promise<void>, id: string, user: User): TestConversation {
  const messages = async () => (await runtime.client().listMessages({ conversationId: id, limit: 1000 })).messages
  return {
    id,
    user,
    send: (message) => exchange(runtime, settle, { conversationId: id, userId: user.id, ...asMessage(message) }),
    messages,
    transcript: async () => (await messages()).map(line),
  }
}

async function exchange(runtime: Runtime, settle: () => Promise<void>, incoming: Parameters<Runtime['receiveMessage']>[0]): Promise<Exchange> {
  const replies: Message[] = []
  const stop = runtime.onMessage((message) => {
    if (message.conversationId === incoming.conversationId) replies.push(message)
  })
  try {
    const outcome = await runtime.receiveMessage(incoming)
    await settle()
    const stored = await runtime.client().getMessage({ id: outcome.message.id })
    return { ...outcome, message: stored.message, replies, texts: replies.flatMap(textOf) }
  } finally {
    stop()
  }
}

function asMessage(message: Outgoing) {
  return typeof message === 'string' ? { type: 'text', payload: { text: message } } : message
}

function textOf(message: Message): string[] {
  const payload = message.payload as { text?: unknown }
  return message.type === 'text' && typeof payload.text === 'string' ? [payload.text] : []
}

function line(message: Message): string {
  const who = message.direction === 'incoming' ? 'user' : 'bot'
  return `${who}: ${textOf(message)[0] ?? `[${message.type}] ${JSON.stringify(message.payload)}`}`
}
