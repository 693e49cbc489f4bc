import type { Client } from '@parley/sdk'
import type { Context } from 'hono'
import { invalidRequest, RequestError } from '../errors/http-errors.js'

/** The key of the state a conditional write is for. */
interface StateCall {
  readonly type: string
  readonly id: string
  readonly name: string
}

/** What `If-Match` asks: that the state exists (`*`), or that it is at one of these versions. */
type Condition = { readonly any: true } | { readonly any: false; readonly versions: readonly number[] }

interface Current {
  readonly exists: boolean
  readonly version?: number
}

/** A list or `*` is resolved against the state as read; a write that lost a race to another is tried again. */
const ATTEMPTS = 5
const ENTITY_TAG = /^\s*(W\/)?"([\x21\x23-\x7e\x80-\xff]*)"\s*(?:,|$)/

/**
 * A state write under `If-Match`. One version is handed to the client as `ifVersion`, which writes only
 * over that version, atomically. A list, or `*` ("it exists"), is checked against the state's current
 * version, which is then handed on the same way, so the write still happens only over what was checked.
 * A version that does not match answers 412 with `STATE_VERSION_CONFLICT`; nothing is written.
 */
export async function conditionally(c: Context, client: Client, request: StateCall, write: (request: unknown) => Promise<unknown>): Promise<unknown> {
  const header = c.req.header('if-match')
  if (header === undefined) return write(request)
  const condition = parseIfMatch(header)
  if (!condition.any && condition.versions.length === 1) return write({ ...request, ifVersion: condition.versions[0] })
  for (let attempt = 1; ; attempt++) {
    const current = await currentVersion(client, request)
    if (!satisfies(condition, current)) throw stale(request, current, header)
    try {
      return await write({ ...request, ifVersion: current.version })
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'STATE_VERSION_CONFLICT' || attempt >= ATTEMPTS) throw error
    }
  }
}

/** A response carrying one state sends its version as a strong entity tag. */
export function sendVersion(c: Context, result: unknown): void {
  const version = (result as { state?: { version?: unknown } } | undefined)?.state?.version
  if (typeof version === 'number') c.header('ETag', `"${version}"`)
}

/**
 * `*`, or entity tags separated by commas (RFC 9110). If-Match compares strongly, so a weak tag (`W/"3"`)
 * or one that is not a version never matches; a header that is not entity tags at all is refused.
 */
export function parseIfMatch(header: string): Condition {
  if (header.trim() === '*') return { any: true }
  const versions: number[] = []
  for (let rest = header; rest.trim() !== '';) {
    const match = ENTITY_TAG.exec(rest)
    if (!match) throw invalidRequest([{ path: 'header.if-match', message: 'is not "*" or a list of entity tags such as "3"; send the ETag a read of the state answered with' }])
    if (!match[1] && /^[1-9][0-9]{0,15}$/.test(match[2]!)) versions.push(Number(match[2]))
    rest = rest.slice(match[0].length)
  }
  return { any: false, versions }
}

async function currentVersion(client: Client, key: StateCall): Promise<Current> {
  try {
    const { state } = await client.getState({ type: key.type, id: key.id, name: key.name } as never)
    const version = (state as { version?: unknown }).version
    return typeof version === 'number' ? { exists: true, version } : { exists: true }
  } catch (error) {
    if ((error as { code?: unknown }).code === 'STATE_NOT_FOUND') return { exists: false }
    throw error
  }
}

function satisfies(condition: Condition, current: Current): boolean {
  if (!current.exists) return false
  return condition.any || (current.version !== undefined && condition.versions.includes(current.version))
}

function stale(key: StateCall, current: Current, header: string): RequestError {
  const now = current.exists ? `at version ${current.version ?? 'unknown'}` : 'absent'
  return new RequestError('STATE_VERSION_CONFLICT', `state "${key.name}" of ${key.type} "${key.id}" is ${now}, not at a version If-Match names (${header.slice(0, 100)}); nothing was written: read it again and retry`)
}
