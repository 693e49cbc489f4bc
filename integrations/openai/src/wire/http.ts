import ky, { HTTPError, TimeoutError, type ShouldRetryState } from 'ky'
import { OpenAiError } from '../errors.js'
import type { Endpoint } from './endpoint.js'
import { describeRefusal } from './refusal.js'

/** A non-streamed answer is one JSON document; a larger one is refused rather than held in memory. */
export const MAX_ANSWER_BYTES = 8 * 1024 * 1024
const RETRY_STATUSES = [408, 429, 500, 502, 503, 504]
const BASE_DELAY_MS = 500

export interface UpstreamCall {
  readonly endpoint: Endpoint
  readonly method: 'get' | 'post'
  readonly url: string
  readonly json?: object
  /** Stops the call (and any wait between retries) from outside. */
  readonly signal?: AbortSignal
}

/** An answer with a 2xx status, and how to read its body within the time left. */
export interface UpstreamAnswer {
  readonly response: Response
  readonly attempts: number
  /** Aborts reading the body: the request's own signal, so a stalled body stops too. */
  readonly abort: () => void
  /** The caller's signal, whose abort ends reading as a cancellation. */
  readonly signal?: AbortSignal | undefined
}

/**
 * Sends a request with ky: `timeoutMs` per attempt, retries with exponential backoff and full jitter on
 * a lost connection and on 408, 429 and 5xx (waiting as long as a `Retry-After` says, unless that is
 * longer than an attempt may take: then it fails at once). Every failure becomes an {@link OpenAiError}.
 */
export async function send(call: UpstreamCall): Promise<UpstreamAnswer> {
  const controller = new AbortController()
  // Kept for the body too: a caller that gives up mid-stream stops the download.
  const stop = () => controller.abort(call.signal?.reason)
  if (call.signal?.aborted) stop()
  call.signal?.addEventListener('abort', stop, { once: true })
  let attempts = 0
  try {
    const response = await ky(call.url, {
      method: call.method,
      ...(call.json ? { json: call.json } : {}),
      headers: call.endpoint.headers,
      signal: controller.signal,
      timeout: call.endpoint.timeoutMs,
      retry: retryPolicy(call.endpoint),
      hooks: { beforeRequest: [() => void attempts++] },
    })
    return { response, attempts, abort: () => controller.abort(), signal: call.signal }
  } catch (error) {
    call.signal?.removeEventListener('abort', stop)
    // A call the caller cancelled ends as cancelled calls do, with the signal's reason.
    if (call.signal?.aborted) throw call.signal.reason
    throw await upstreamError(call, error, attempts, () => controller.abort())
  }
}

function retryPolicy(endpoint: Endpoint) {
  return {
    limit: endpoint.maxRetries,
    methods: ['get', 'post'] as ('get' | 'post')[],
    statusCodes: RETRY_STATUSES,
    afterStatusCodes: [429, 503],
    delay: (attempt: number) => BASE_DELAY_MS * 2 ** (attempt - 1),
    backoffLimit: endpoint.timeoutMs,
    jitter: true,
    shouldRetry: ({ error }: ShouldRetryState) => (waitTooLong(error, endpoint.timeoutMs) ? false : undefined),
  }
}

/** A server asking to come back later than an attempt may take is not worth waiting for. */
function waitTooLong(error: Error, timeoutMs: number): boolean {
  if (!(error instanceof HTTPError)) return false
  const wait = retryAfterMs(error.response.headers.get('retry-after'))
  return wait !== undefined && wait > timeoutMs
}

/** `Retry-After` in seconds or as an HTTP date, in milliseconds from now. */
function retryAfterMs(header: string | null): number | undefined {
  if (header === null || header.trim() === '') return undefined
  const seconds = Number(header)
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000)
  const date = Date.parse(header)
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now())
}

async function upstreamError(call: UpstreamCall, error: unknown, attempts: number, abort: () => void): Promise<OpenAiError> {
  const { server, timeoutMs } = call.endpoint
  if (error instanceof HTTPError) return describeRefusal(server, error.response.status, error.response.statusText, await excerpt(call.endpoint, error.response, { abort }), attempts)
  if (error instanceof TimeoutError) return timeoutError(server, timeoutMs, attempts)
  return new OpenAiError('UPSTREAM_UNREACHABLE', `could not reach the chat-completions server at ${server} (${causeOf(error)}); check baseUrl in the configuration and that the server is running`, { attempts })
}

function timeoutError(server: string, timeoutMs: number, attempts?: number): OpenAiError {
  return new OpenAiError('UPSTREAM_TIMEOUT', `the chat-completions server at ${server} did not answer within ${timeoutMs} ms; check the server, or raise timeoutMs in the configuration`, { ...(attempts ? { attempts } : {}) })
}

function causeOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } }).cause
  return String(cause?.code ?? cause?.message ?? (error as Error).message ?? error)
}

/** The start of an error answer: enough to say what went wrong, bounded in size and time whatever the server sends. */
async function excerpt(endpoint: Endpoint, response: Response, reading: Reading): Promise<string> {
  try {
    return (await within(endpoint, reading, () => readBody(response, 4096, () => undefined))).text
  } catch {
    return ''
  }
}

/**
 * Reads a body as text, at most `maxBytes` of it (`truncated` says whether there was more). `onLimit`
 * decides what more means: an error answer is cut, a completion refused.
 */
export async function readBody(response: Response, maxBytes: number, onLimit: () => void): Promise<{ text: string; truncated: boolean }> {
  const reader = response.body?.getReader()
  if (!reader) return { text: '', truncated: false }
  const chunks: Uint8Array[] = []
  let size = 0
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    chunks.push(next.value)
    size += next.value.byteLength
    if (size > maxBytes) {
      await reader.cancel()
      onLimit()
      return { text: decode(chunks).slice(0, maxBytes), truncated: true }
    }
  }
  return { text: decode(chunks), truncated: false }
}

function decode(chunks: readonly Uint8Array[]): string {
  return new TextDecoder().decode(Buffer.concat(chunks))
}

/** What reading a body needs besides the body: how to stop it, and the caller's signal. */
type Reading = Pick<UpstreamAnswer, 'abort' | 'signal'>

/**
 * Reads (part of) an answer, aborting when that takes longer than `timeoutMs`: the abort is reported as a
 * timeout, a cancellation by the caller as the caller's signal says, and a connection that breaks
 * meanwhile as one lost.
 */
export async function within<T>(endpoint: Endpoint, reading: Reading, work: () => Promise<T>): Promise<T> {
  let timedOut = false
  const timer = setTimeout(() => {
    timedOut = true
    reading.abort()
  }, endpoint.timeoutMs)
  try {
    return await work()
  } catch (error) {
    if (reading.signal?.aborted) throw reading.signal.reason
    if (timedOut) throw timeoutError(endpoint.server, endpoint.timeoutMs)
    if (error instanceof OpenAiError) throw error
    throw new OpenAiError('UPSTREAM_UNREACHABLE', `the connection to the chat-completions server at ${endpoint.server} broke while it answered (${causeOf(error)})`)
  } finally {
    clearTimeout(timer)
  }
}
