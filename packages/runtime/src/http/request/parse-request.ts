import type { Schema, z } from '@parley/sdk'
import type { Context } from 'hono'
import { invalidRequest, type RequestIssue } from '../errors/http-errors.js'
import type { Route } from '../routes/route.js'
import { hostileInput } from './guard.js'
import { readQuery } from './query.js'
import { readBodyBytes, readBodyText } from './read-body.js'

export interface ParsedRequest {
  readonly params: unknown
  readonly query: unknown
  readonly body: unknown
}

/**
 * Reads path, query and body (at most `bodyLimit` bytes), refuses what no route can take, then checks each
 * part against the route's schemas; every failing field is reported at once.
 */
export async function parseRequest(c: Context, route: Route, bodyLimit: number): Promise<ParsedRequest> {
  const path = c.req.param() as Record<string, string>
  const query = readQuery(c.req.url)
  if (route.body === 'bytes') return { ...(await parseRequest(c, { ...route, body: undefined }, bodyLimit)), body: await readBodyBytes(c, bodyLimit) }
  const text = route.body === undefined ? undefined : await readBodyText(c, bodyLimit, route.body !== 'raw', route.access === 'admin' ? Infinity : undefined)
  // A raw body is the handler's to read (an integration checks its signature byte for byte).
  const json = route.body === undefined || route.body === 'raw' ? undefined : readJson(text!)
  const hostile = [...query.issues, ...hostileInput(path, query.values, json === NOT_JSON ? undefined : json)]
  if (hostile.length > 0) throw invalidRequest(hostile)
  const issues: RequestIssue[] = []
  const params = parsePart(route.params, path, 'path', issues)
  const parsedQuery = parsePart(route.query, query.values, 'query', issues)
  const body = route.body === 'raw' ? text : checkBody(route.body, json, issues)
  if (issues.length > 0) throw invalidRequest(issues)
  return { params, query: parsedQuery, body }
}

function parsePart(schema: Schema | undefined, value: unknown, part: string, issues: RequestIssue[]): unknown {
  if (!schema) return undefined
  const result = schema.safeParse(value)
  if (!result.success) issues.push(...result.error.issues.map((issue) => toIssue(issue, part)))
  return result.success ? result.data : undefined
}

function toIssue(issue: z.ZodIssue, part: string): RequestIssue {
  return { path: [part, ...issue.path.map(String)].join('.'), message: issue.message }
}

const NOT_JSON = Symbol('not JSON')

function checkBody(schema: Schema | undefined, body: unknown, issues: RequestIssue[]): unknown {
  if (schema === undefined) return undefined
  if (body !== NOT_JSON) return parsePart(schema, body, 'body', issues)
  issues.push({ path: 'body', message: 'is not valid JSON; send a JSON object with "Content-Type: application/json"' })
  return undefined
}

/** An empty body reads as `{}`, so routes whose fields are all optional can be called without one. */
function readJson(text: string): unknown {
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}
