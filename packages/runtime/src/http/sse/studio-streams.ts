import type { Context } from 'hono'
import { streamSSE } from 'hono/streaming'
import type { LogRecord, TraceSummary } from '../../index.js'
import { RECONNECT_MS, untilAborted, writeQueue } from './message-stream.js'

/** Subscribes a listener; returns the function that unsubscribes it. */
type Subscribe<T> = (listener: (item: T) => void) => () => void

/** `ready` once subscribed, then one `event` per item that passes `keep`, as JSON. */
export function itemStream<T>(c: Context, event: string, subscribe: Subscribe<T>, keep: (item: T) => boolean, keepAliveMs: number): Response {
  return streamSSE(c, async (stream) => {
    const send = writeQueue(stream)
    send({ event: 'ready', data: '{}', retry: RECONNECT_MS })
    const unsubscribe = subscribe((item) => {
      if (keep(item)) send({ event, data: JSON.stringify(item) })
    })
    await untilAborted(stream, keepAliveMs)
    unsubscribe()
  })
}

export type { LogRecord, TraceSummary }
