/** What `sdk.http_request` returns: never an exception for an HTTP error status, nor for a failed connection. */
export interface HttpResult {
  readonly status_code: number
  /** The parsed JSON when the response says it is JSON, its text otherwise; null when there was no response. */
  readonly body: unknown
  readonly headers: Record<string, string>
  readonly ok: boolean
  /** Why there was no response (a timeout, a refused connection); absent when the server answered. */
  readonly error?: string
}

export interface HttpRequest {
  readonly method: string
  readonly url: string
  readonly json?: unknown
  readonly data?: string
  readonly headers?: Record<string, string>
  /** Seconds, as Python's `requests` counts them. */
  readonly timeout?: number
}

const DEFAULT_TIMEOUT_S = 30
const MAX_TIMEOUT_S = 300
const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'])

/** Checks what a handler passed, naming the argument at fault: the request never leaves with a bad one. */
export function checkHttpRequest(value: unknown): HttpRequest {
  const args = (typeof value === 'object' && value !== null ? value : {}) as Record<string, unknown>
  const method = String(args['method'] ?? 'GET').toUpperCase()
  if (!METHODS.has(method)) throw new TypeError(`http_request: method "${method}" is not one of ${[...METHODS].join(', ')}`)
  const url = typeof args['url'] === 'string' ? args['url'] : ''
  if (!/^https?:\/\//i.test(url)) throw new TypeError(`http_request: url must be an http:// or https:// URL, not ${JSON.stringify(url).slice(0, 200)}`)
  const timeout = args['timeout'] ?? DEFAULT_TIMEOUT_S
  if (typeof timeout !== 'number' || !(timeout > 0) || timeout > MAX_TIMEOUT_S) throw new TypeError(`http_request: timeout must be a number of seconds above 0 and at most ${MAX_TIMEOUT_S}`)
  return { method, url, json: args['json'] ?? undefined, data: typeof args['data'] === 'string' ? args['data'] : undefined, headers: stringRecord(args['headers']), timeout }
}

/** Sends the request with its timeout; the answer, whatever its status, or why there was none. */
export async function httpRequest(request: HttpRequest): Promise<HttpResult> {
  try {
    const response = await fetch(request.url, {
      method: request.method,
      headers: { ...(request.json !== undefined ? { 'content-type': 'application/json' } : {}), ...request.headers },
      body: request.json !== undefined ? JSON.stringify(request.json) : request.data,
      signal: AbortSignal.timeout((request.timeout ?? DEFAULT_TIMEOUT_S) * 1000),
    })
    return { status_code: response.status, body: await readBody(response), headers: Object.fromEntries(response.headers), ok: response.ok }
  } catch (error) {
    return { status_code: 0, body: null, headers: {}, ok: false, error: describeFailure(error, request) }
  }
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text()
  if (!/\bjson\b/i.test(response.headers.get('content-type') ?? '')) return text
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function describeFailure(error: unknown, request: HttpRequest): string {
  if (error instanceof Error && error.name === 'TimeoutError') return `no answer from ${request.url} within ${request.timeout} s`
  const cause = error instanceof Error && error.cause instanceof Error ? `: ${error.cause.message}` : ''
  return `${error instanceof Error ? error.message : String(error)}${cause}`
}

function stringRecord(value: unknown): Record<string, string> {
  if (typeof value !== 'object' || value === null) return {}
  return Object.fromEntries(Object.entries(value).filter(([name]) => name !== '__proto__').map(([name, v]) => [name, String(v)]))
}
