import type { Schema, z } from '@parley/sdk'
import type { Context } from 'hono'
import { invalidRequest, type RequestIssue } from '../errors/http-errors.js'
import { readQuery } from './query.js'
import type { Route } from './route.js'

export interface ParsedRequest {
  readonly params: unknown
  readonly query: unknown
  readonly body: unknown
}

/** Checks path, query and body against the route's schemas; every failing field is reported at once. */
export async function parseRequest(c: Context, route: Route): Promise<ParsedRequest> {
  const issues: RequestIssue[] = []
  const check = (schema: Schema | undefined, value: unknown, part: string) => (schema ? parsePart(schema, value, part, issues) : undefined)
  const params = check(route.params, c.req.param(), 'path')
  const query = check(route.query, readQuery(c.req.queries()), 'query')
  const body = route.body ? checkBody(route.body, await readBody(c), issues) : undefined
  if (issues.length > 0) throw invalidRequest(issues)
  return { params, query, body }
}

function parsePart(schema: Schema, value: unknown, part: string, issues: RequestIssue[]): unknown {
  const result = schema.safeParse(value)
  if (!result.success) issues.push(...result.error.issues.map((issue) => toIssue(issue, part)))
  return result.success ? result.data : undefined
}

function toIssue(issue: z.ZodIssue, part: string): RequestIssue {
  return { path: [part, ...issue.path.map(String)].join('.'), message: issue.message }
}

const NOT_JSON = Symbol('not JSON')

function checkBody(schema: Schema, body: unknown, issues: RequestIssue[]): unknown {
  if (body !== NOT_JSON) return parsePart(schema, body, 'body', issues)
  issues.push({ path: 'body', message: 'is not valid JSON; send a JSON object with "Content-Type: application/json"' })
  return undefined
}

/** An empty body reads as `{}`, so routes whose fields are all optional can be called without one. */
async function readBody(c: Context): Promise<unknown> {
  const text = await c.req.text()
  if (text.trim() === '') return {}
  try {
    return JSON.parse(text)
  } catch {
    return NOT_JSON
  }
}
