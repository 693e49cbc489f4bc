/** A field the runtime named as wrong, with what is wrong with it. */
export interface Issue {
  readonly path: string
  readonly message: string
}

/** An answer other than 2xx, as the runtime's error body says it. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly issues: readonly Issue[] = [],
  ) {
    super(message)
    this.name = 'ApiError'
  }
}

type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'

/** One call to the runtime that served this page; the session cookie goes along (same origin). */
export async function request<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const init: RequestInit = { method, credentials: 'same-origin', headers: { accept: 'application/json' } }
  if (body !== undefined) {
    init.body = JSON.stringify(body)
    init.headers = { ...init.headers, 'content-type': 'application/json' }
  }
  const response = await fetch(path, init).catch((cause: unknown) => {
    throw new ApiError(0, 'UNREACHABLE', `The runtime did not answer (${String(cause)}); check that it is running, then reload.`)
  })
  if (!response.ok) throw await errorOf(response)
  return (response.status === 204 ? undefined : await response.json()) as T
}

async function errorOf(response: Response): Promise<ApiError> {
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string; issues?: Issue[] } }
  const error = body.error ?? {}
  return new ApiError(response.status, error.code ?? `HTTP_${response.status}`, error.message ?? response.statusText, error.issues ?? [])
}

type QueryValue = string | number | undefined | Readonly<Record<string, string>>

/** `?a=1&b=2` from the fields that are set; an object as `tags[plan]=pro` (OpenAPI's deepObject style). */
export function query(fields: Readonly<Record<string, QueryValue>>): string {
  const params = new URLSearchParams()
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === 'object') for (const [name, text] of Object.entries(value)) params.append(`${key}[${name}]`, text)
    else if (value !== undefined && value !== '') params.set(key, String(value))
  }
  const text = params.toString()
  return text ? `?${text}` : ''
}

export const enc = encodeURIComponent
