import { ownValue } from '../../guards/index.js'

/**
 * The HTTP status for an error code, in one place. Bad input — a schema, a bound, a reserved or unknown
 * name — is 400 naming the field; a record that is not there 404; a stale version 412; too large 413.
 * Codes are listed where they are known; codes added later still get a fitting status from their suffix,
 * so a new domain error never turns into a 500 by default.
 */
const BY_CODE: Readonly<Record<string, number>> = {
  REQUEST_INVALID: 400,
  INPUT_INVALID: 400,
  TEXT_INVALID: 400,
  PAYLOAD_INVALID: 400,
  ROW_INVALID: 400,
  COLUMN_UNKNOWN: 400,
  QUERY_INVALID: 400,
  PAGE_INVALID: 400,
  ID_INVALID: 400,
  APP_MANIFEST_INVALID: 400,
  APP_SETTINGS_INVALID: 400,
  APP_URL_REFUSED: 400,
  CONTEXT_MISSING: 400,
  STATE_TYPE_MISMATCH: 400,
  MESSAGE_TYPE_UNKNOWN: 400,
  NAME_UNKNOWN: 400,
  TABLE_UNKNOWN: 400,
  OUT_OF_SCOPE: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  UPLOAD_TOKEN_REFUSED: 403,
  UPLOAD_EXPIRED: 403,
  NOT_FOUND: 404,
  ROUTE_NOT_FOUND: 404,
  BOT_NOT_FOUND: 404,
  STATE_NOT_FOUND: 404,
  WEBHOOK_NOT_FOUND: 404,
  PLUGIN_ROUTE_NOT_FOUND: 404,
  WORKFLOW_FINISHED: 409,
  USER_DELETED: 409,
  DEPLOYMENT_INCOMPATIBLE: 409,
  DEPLOYMENT_FAILED: 422,
  STATE_VERSION_CONFLICT: 412,
  BODY_TOO_LARGE: 413,
  STATE_TOO_LARGE: 413,
  WEBHOOK_FAILED: 500,
  ENDPOINT_FAILED: 500,
  RATE_LIMITED: 429,
  RUNTIME_STOPPED: 503,
  DATABASE_UNREACHABLE: 503,
  DATABASE_BROKEN: 503,
}

const BY_SUFFIX: readonly (readonly [string, number])[] = [
  ['_NOT_FOUND', 404],
  ['_UNKNOWN', 400],
  ['_INVALID', 400],
  ['_MISSING', 400],
  ['_RESERVED', 400],
  ['_CONFLICT', 409],
  ['_CLASH', 409],
  ['_TAKEN', 409],
  ['_EXISTS', 409],
  ['_TOO_LARGE', 413],
]

export function statusForCode(code: string): number {
  return ownValue(BY_CODE, code) ?? BY_SUFFIX.find(([suffix]) => code.endsWith(suffix))?.[1] ?? 500
}
