import { IncomingMessage } from 'node:http'
import type { Context } from 'hono'
import { BodyTooLargeError, invalidRequest } from '../errors/http-errors.js'

/**
 * How much of a body over the limit is read and thrown away, so the connection can serve the next request
 * (a body left unread would be taken as the start of it, and the client would see the connection reset).
 * Beyond that, the answer closes the connection instead.
 */
const DRAIN_FACTOR = 8

/**
 * The body as text, at most `limit` bytes. A longer one is refused with 413 (`BODY_TOO_LARGE`), once what
 * is left of it was drained, or with `Connection: close` when there is too much to drain.
 * @param strict refuse a body that is not UTF-8 (JSON must be); otherwise such bytes read as U+FFFD.
 * @param drainBudget how many bytes of an oversized body are read and dropped; an admin's upload is drained
 *   whole, so the client is sure to read the 413 rather than see its connection cut while it still writes.
 */
export async function readBodyText(c: Context, limit: number, strict: boolean, drainBudget = limit * DRAIN_FACTOR): Promise<string> {
  return decode(await readBodyBytes(c, limit, drainBudget), strict)
}

/** The body's bytes, at most `limit`; a longer one is refused as {@link readBodyText} says. */
export async function readBodyBytes(c: Context, limit: number, drainBudget = limit * DRAIN_FACTOR): Promise<Uint8Array> {
  const reader = bodyChunks(c)
  if (!reader) return new Uint8Array()
  const declared = Number(c.req.header('content-length'))
  if (declared > limit) throw new BodyTooLargeError(limit, declared <= drainBudget && (await drain(reader, drainBudget)))
  const chunks: Uint8Array[] = []
  let size = 0
  for (let chunk = await reader.next(); !chunk.done; chunk = await reader.next()) {
    size += chunk.value.byteLength
    if (size > limit) throw new BodyTooLargeError(limit, await drain(reader, drainBudget - size))
    chunks.push(chunk.value)
  }
  return new Uint8Array(Buffer.concat(chunks))
}

/** A body's chunks as they arrive: a web stream's reader, or Node's request read the same way. */
interface Chunks {
  next(): Promise<IteratorResult<Uint8Array, unknown>>
}

/**
 * Served by `@hono/node-server`, the body is read from Node's request itself: asking the adapter for
 * `c.req.raw.body` makes it build a whole web `Request` (its headers, an `AbortController`) and a web
 * stream over Node's, for every request (bench/http/README.md). Reading stops where this code stops
 * asking (never `return()`, which would destroy the request and its connection). Under another
 * adapter, or in `app.request()`, the web body.
 */
function bodyChunks(c: Context): Chunks | undefined {
  const incoming = (c.env as { incoming?: unknown } | undefined)?.incoming
  if (incoming instanceof IncomingMessage && !('rawBody' in incoming)) return incoming[Symbol.asyncIterator]() as AsyncIterator<Buffer>
  const reader = c.req.raw.body?.getReader()
  return reader && { next: () => reader.read() }
}

/** Reads and drops up to `budget` bytes; whether the body ended within them. */
async function drain(reader: Chunks, budget: number): Promise<boolean> {
  for (let left = budget; left >= 0;) {
    const chunk = await reader.next()
    if (chunk.done) return true
    left -= chunk.value.byteLength
  }
  return false
}

function decode(bytes: Uint8Array, strict: boolean): string {
  try {
    return new TextDecoder('utf-8', { fatal: strict }).decode(bytes)
  } catch {
    throw invalidRequest([{ path: 'body', message: 'is not valid UTF-8; send JSON encoded as UTF-8' }])
  }
}
