import type { Message } from '@parley/sdk'
import type { Context } from 'hono'
import { streamSSE, type SSEMessage, type SSEStreamingApi } from 'hono/streaming'
import type { HostedBot } from '../host.js'

export interface StreamOptions {
  /** How often a comment is sent so proxies and clients see the connection alive. */
  readonly keepAliveMs: number
}

/** How long a browser waits before reconnecting a dropped stream. */
export const RECONNECT_MS = 2000

/**
 * Server-sent events for one conversation: `ready` once subscribed (messages created after it are sent),
 * then one `message` event per message, its id being the message id.
 */
export function messageStream(c: Context, bot: HostedBot, conversationId: string, options: StreamOptions): Response {
  return streamSSE(c, async (stream) => {
    const send = writeQueue(stream)
    send({ event: 'ready', data: JSON.stringify({ conversationId }), retry: RECONNECT_MS })
    const unsubscribe = bot.subscribe(conversationId, (message) => send(messageEvent(message)))
    await untilAborted(stream, options.keepAliveMs)
    unsubscribe()
  })
}

function messageEvent(message: Message): SSEMessage {
  return { event: 'message', id: message.id, data: JSON.stringify(message) }
}

/** Writes one event after the other, in the order they were created, never interleaved. */
export function writeQueue(stream: SSEStreamingApi): (event: SSEMessage) => void {
  let writing = Promise.resolve()
  return (event) => {
    // A write fails only once the client is gone; the abort handler then ends the stream.
    writing = writing.then(() => stream.writeSSE(event)).catch(() => undefined)
  }
}

export function untilAborted(stream: SSEStreamingApi, keepAliveMs: number): Promise<void> {
  return new Promise((resolve) => {
    const timer = setInterval(() => void stream.write(': keep-alive\n\n').catch(() => undefined), keepAliveMs)
    stream.onAbort(() => {
      clearInterval(timer)
      resolve()
    })
  })
}
