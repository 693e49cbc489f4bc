import { ParleyError } from '@parley/sdk'
import { statusForCode } from './status.js'

/** The JSON body of every error response. */
export interface ErrorBody {
  readonly error: {
    readonly code: string
    readonly message: string
    readonly issues?: readonly { readonly path: string; readonly message: string }[]
  }
}

export interface ErrorResponse {
  readonly status: number
  readonly body: ErrorBody
}

/**
 * What the caller gets for an error: a domain error's code and message as they are (they are written for
 * the user), and for anything else a 500 that hides internals, which the server logs instead.
 */
export function errorResponse(error: unknown): ErrorResponse {
  if (!isParleyError(error)) {
    return { status: 500, body: { error: { code: 'INTERNAL', message: 'the server failed to handle the request; its log has the details' } } }
  }
  const issues = issuesOf(error)
  const body = { code: error.code, message: error.message, ...(issues ? { issues } : {}) }
  return { status: statusForCode(error.code), body: { error: body } }
}

/**
 * A bot loaded from TypeScript source (`parley dev`) may bring its own copy of the SDK, whose errors fail
 * `instanceof` here; their class chain still says what they are.
 */
function isParleyError(error: unknown): error is ParleyError {
  if (error instanceof ParleyError) return true
  for (let proto = error === null || typeof error !== 'object' ? null : Object.getPrototypeOf(error); proto; proto = Object.getPrototypeOf(proto)) {
    if ((proto as { constructor?: { name?: string } }).constructor?.name === 'ParleyError') return typeof (error as { code?: unknown }).code === 'string'
  }
  return false
}

/** Errors that name fields (`PayloadError`, `TableRowError`, request validation) carry `issues`. */
function issuesOf(error: ParleyError): ErrorBody['error']['issues'] {
  const issues = (error as { issues?: unknown }).issues
  if (!Array.isArray(issues) || issues.length === 0) return undefined
  return issues.map((issue: { path?: unknown; message?: unknown }) => ({ path: String(issue.path ?? ''), message: String(issue.message ?? '') }))
}
