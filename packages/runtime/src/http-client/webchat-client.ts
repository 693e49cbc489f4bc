import type { Conversation, Message, User } from '@parley/sdk'
import { readEvents, type StreamEvent } from './event-stream.js'
import { ParleyHttpError } from './http-error.js'
import { path } from './path.js'
import { createTransport, type Transport, type TransportOptions } from './transport.js'

export interface WebchatOptions extends Omit<TransportOptions, 'token'> {
  readonly botId: string
  /** Resume this visitor's session when the key is still good; a new session starts otherwise. */
  readonly userKey?: string
  /** The new user's name, when a session starts. */
  readonly name?: string
}

export interface WebchatSession {
  readonly userKey: string
  readonly user: User
  readonly conversation: Conversation
  readonly bot: { readonly id: string; readonly title?: string; readonly description?: string }
}

/** A listener on the conversation, live once `subscribe` resolved. */
export interface WebchatSubscription {
  close(): void
  /** Settles when the stream ends: closed here, dropped by the server or the network. */
  readonly ended: Promise<void>
}

/** A visitor's side of the web chat: what the chat page does, for programs such as `parley chat`. */
export interface WebchatChat {
  readonly session: WebchatSession
  send(message: { readonly type: string; readonly payload: object }): Promise<Message>
  messages(page?: { readonly limit?: number; readonly offset?: number }): Promise<Message[]>
  subscribe(listener: (message: Message) => void): Promise<WebchatSubscription>
}

export async function openWebchat(options: WebchatOptions): Promise<WebchatChat> {
  const prefix = path`v1/bots/${options.botId}/webchat/`
  const { userKey, name } = options
  const session = await createTransport(options, prefix).call<WebchatSession>('post', 'session', { json: { userKey, name } })
  const t = createTransport({ ...options, token: session.userKey }, `${prefix}${path`conversations/${session.conversation.id}`}/`)
  return {
    session,
    send: async (message) => (await t.call<{ message: Message }>('post', 'messages', { json: message })).message,
    messages: async (page = {}) => (await t.call<{ messages: Message[] }>('get', 'messages', { query: page })).messages,
    subscribe: (listener) => subscribe(t, listener),
  }
}

async function subscribe(t: Transport, listener: (message: Message) => void): Promise<WebchatSubscription> {
  const controller = new AbortController()
  const response = await t.open('stream', { signal: controller.signal })
  let onReady = () => {}
  const ready = new Promise<void>((resolve) => (onReady = resolve))
  const ended = readEvents(response, (event) => dispatch(event, onReady, listener))
  await Promise.race([ready, ended.then(() => Promise.reject(streamEnded()))])
  return { close: () => controller.abort(), ended: ended.catch(() => undefined) }
}

function dispatch(event: StreamEvent, onReady: () => void, listener: (message: Message) => void): void {
  if (event.event === 'ready') onReady()
  if (event.event === 'message') listener(JSON.parse(event.data) as Message)
}

function streamEnded(): ParleyHttpError {
  return new ParleyHttpError(0, 'STREAM_ENDED', 'the server ended the message stream before it was ready; try again')
}
