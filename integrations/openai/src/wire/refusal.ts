import { OpenAiError } from '../errors.js'
import { API_KEY_SECRET } from '../configuration.js'
import { errorBody } from './protocol.js'
import { parseJson, shorten } from './text.js'

/**
 * The error for an error status: the server, the status, what the server said (OpenAI's `error.message`,
 * or the start of the body), and what to do about it.
 */
export function describeRefusal(server: string, status: number, statusText: string, body: string, attempts: number): OpenAiError {
  const said = whatItSaid(body)
  const tries = attempts > 1 ? ` after ${attempts} attempts` : ''
  const message = `the chat-completions server at ${server} answered ${`${status} ${statusText}`.trim()}${tries}: ${said.text}${hint(status)}`
  return new OpenAiError('UPSTREAM_FAILED', message, { status, bodyExcerpt: shorten(body), attempts, ...said.fields })
}

function whatItSaid(body: string): { text: string; fields: { upstreamType?: string; upstreamCode?: string } } {
  const parsed = errorBody.safeParse(parseJson(body))
  if (!parsed.success) return { text: body.trim() === '' ? '(no body)' : JSON.stringify(shorten(body)), fields: {} }
  const { error } = parsed.data
  if (typeof error === 'string') return { text: JSON.stringify(shorten(error)), fields: {} }
  const detail = [error.type, error.param ? `param ${error.param}` : undefined].filter(Boolean).join(', ')
  const fields = { ...(error.type ? { upstreamType: error.type } : {}), ...(error.code != null ? { upstreamCode: String(error.code) } : {}) }
  return { text: `${JSON.stringify(shorten(error.message ?? ''))}${detail ? ` (${detail})` : ''}`, fields }
}

function hint(status: number): string {
  if (status === 401 || status === 403) return `; check the ${API_KEY_SECRET} secret`
  if (status === 404) return '; check baseUrl and the model name (for Azure, the deployment name)'
  if (status === 429) return '; the server is rate limiting this key: wait, or raise its limits'
  if (status >= 500) return '; the server failed: try again later'
  return ''
}
