/** A failure a server answered with an HTTP status, as Botpress's cognitive client reports one. */
export interface HttpError extends Error {
  readonly response?: { readonly status: number }
}

/** Whether a thrown value is an HTTP failure: an error carrying the server's answer as `response.status`, as the HTTP client's errors do. */
export function isHttpError(thrown: unknown): thrown is HttpError {
  if (!(thrown instanceof Error) || !('response' in thrown)) return false
  const { response } = thrown as { response?: { status?: unknown } }
  return typeof response?.status === 'number'
}
