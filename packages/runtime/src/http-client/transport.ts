import ky, { HTTPError, TimeoutError, type KyInstance } from 'ky'
import { ParleyHttpError, type HttpIssue } from './http-error.js'
import { toSearchParams, type QueryValues } from './query.js'
import { retryFor, type RetryPolicy } from './retry.js'

export interface TransportOptions {
  /** The server's address, such as `http://127.0.0.1:3000`. */
  readonly url: string
  /** Sent as `Authorization: Bearer <token>`. */
  readonly token?: string
  readonly retry?: RetryPolicy
  /** How long one attempt may take, in milliseconds; 60 s by default (handlers may call slow services). */
  readonly timeoutMs?: number
  /** Another `fetch`, for tests or proxies. */
  readonly fetch?: typeof fetch
}

export type Method = 'get' | 'post' | 'put' | 'patch' | 'delete'

export interface CallOptions {
  readonly json?: unknown
  readonly query?: QueryValues
  /** `If-Match` makes a write conditional: it is then repeated only when the server says it did not take it on. */
  readonly headers?: Readonly<Record<string, string>>
}

/** JSON calls under one path prefix, failing with {@link ParleyHttpError}. */
export interface Transport {
  call<T>(method: Method, path: string, options?: CallOptions): Promise<T>
  /** The raw response of a call that is read as a stream: no timeout, no retries. */
  open(path: string, options: { readonly signal: AbortSignal }): Promise<Response>
}

export function createTransport(options: TransportOptions, prefix: string): Transport {
  const api = createKy(options, prefix)
  const timeoutMs = options.timeoutMs ?? 60_000
  return {
    call: async (method, path, { json, query, headers } = {}) => {
      const retry = retryFor(method, options.retry, headers?.['if-match'] === undefined)
      const response = await send(options.url, () => api(path, { method, json, searchParams: toSearchParams(query), retry, ...(headers ? { headers } : {}) }), timeoutMs)
      return (response.status === 204 ? undefined : await response.json()) as never
    },
    open: (path, { signal }) => send(options.url, () => api.get(path, { signal, timeout: false, retry: 0 }), timeoutMs),
  }
}

function createKy(options: TransportOptions, prefix: string): KyInstance {
  const headers = options.token === undefined ? undefined : { authorization: `Bearer ${options.token}` }
  const prefixUrl = `${options.url.replace(/\/+$/, '')}/${prefix}`
  return ky.create({ prefixUrl, headers, timeout: options.timeoutMs ?? 60_000, ...(options.fetch ? { fetch: options.fetch } : {}) })
}

async function send(url: string, request: () => Promise<Response>, timeoutMs: number): Promise<Response> {
  try {
    return await request()
  } catch (error) {
    throw await toHttpError(error, url, timeoutMs)
  }
}

async function toHttpError(error: unknown, url: string, timeoutMs: number): Promise<unknown> {
  if (error instanceof HTTPError) return fromResponse(error.response)
  if (error instanceof TimeoutError) return new ParleyHttpError(0, 'REQUEST_TIMEOUT', `the Parley server at ${url} did not answer within ${timeoutMs} ms; try again, or raise timeoutMs`)
  if (error instanceof Error && error.name === 'AbortError') return error
  const reason = error instanceof Error ? (error.cause instanceof Error ? error.cause.message : error.message) : String(error)
  return new ParleyHttpError(0, 'SERVER_UNREACHABLE', `could not reach the Parley server at ${url} (${reason}); check the address and that \`parley dev\` or \`parley start\` runs there`)
}

interface ErrorPayload {
  readonly error?: { readonly code?: string; readonly message?: string; readonly issues?: readonly HttpIssue[] }
}

async function fromResponse(response: Response): Promise<ParleyHttpError> {
  const body = (await response.json().catch(() => ({}))) as ErrorPayload
  const code = body.error?.code ?? `HTTP_${response.status}`
  const message = body.error?.message ?? `the server answered ${response.status} ${response.statusText} without an error body; is this a Parley server?`
  return new ParleyHttpError(response.status, code, message, body.error?.issues ?? [])
}
