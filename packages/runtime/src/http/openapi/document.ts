import { toJsonSchema, z } from '@parley/sdk'
import type { Route, Success } from '../routes/route.js'
import { openApiPath, parametersOf } from './parameters.js'
import type { OpenApiDocument, Operation, ResponseObject } from './types.js'

export interface ApiInfo {
  readonly title: string
  readonly version: string
  readonly description?: string
}

const errorSchema = z.object({
  error: z.object({
    code: z.string().describe('Stable; branch on it'),
    message: z.string().describe('What went wrong and what to do about it'),
    issues: z.array(z.object({ path: z.string(), message: z.string() })).optional().describe('The fields at fault'),
  }),
})

const ERROR_STATUSES: Readonly<Record<string, string>> = {
  400: 'The request or its data is invalid; `issues` names the fields',
  401: 'No credential, or one this server does not know',
  403: "The credential does not reach this bot or conversation",
  404: 'No such bot, record or route',
  409: 'The change clashes with the current state of the record',
  413: 'The body, or a state it writes, is too large',
  500: 'The server failed; its log has the details',
}

const SECURITY = {
  public: [],
  token: [{ apiToken: [] }],
  webchat: [{ webchatKey: [] }, { webchatKeyQuery: [] }],
} as const

/** The OpenAPI 3.1 document of the routes, every schema converted from the zod schema the server checks with. */
export function openApiDocument(routes: readonly Route[], info: ApiInfo): OpenApiDocument {
  const paths: Record<string, Record<string, Operation>> = {}
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route)
  return { openapi: '3.1.0', info, paths, components: components() }
}

function operation(route: Route): Operation {
  const { operationId, summary, tag, access } = route
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query')]
  const requestBody = route.body && { required: !route.body.safeParse({}).success, content: json(toJsonSchema(route.body)) }
  return { operationId, summary, tags: [tag], parameters, ...(requestBody ? { requestBody } : {}), responses: responses(route), security: SECURITY[access] }
}

function responses(route: Route): Operation['responses'] {
  const errors = Object.keys(ERROR_STATUSES).filter((status) => route.access !== 'public' || !['401', '403'].includes(status))
  return { [route.success.status]: success(route.success), ...Object.fromEntries(errors.map((status) => [status, { $ref: `#/components/responses/Error${status}` }])) }
}

function success(result: Success): ResponseObject {
  if ('schema' in result) return { description: 'Done', content: json(toJsonSchema(result.schema)) }
  if ('contentType' in result) return { description: result.description, content: { [result.contentType]: { schema: { type: 'string' } } } }
  return { description: 'Done; no content' }
}

function json(schema: ReturnType<typeof toJsonSchema>) {
  return { 'application/json': { schema } }
}

function components(): OpenApiDocument['components'] {
  const errorRef = { $ref: '#/components/schemas/Error' }
  const responses = Object.fromEntries(Object.entries(ERROR_STATUSES).map(([status, description]) => [`Error${status}`, { description, content: { 'application/json': { schema: errorRef } } }]))
  return {
    schemas: { Error: toJsonSchema(errorSchema) },
    responses,
    securitySchemes: {
      apiToken: { type: 'http', scheme: 'bearer', description: 'An API token from PARLEY_API_TOKENS, with scope admin or bot:<botId>' },
      webchatKey: { type: 'http', scheme: 'bearer', description: 'A web chat user key from POST /v1/bots/{botId}/webchat/session' },
      webchatKeyQuery: { type: 'apiKey', in: 'query', name: 'key', description: 'The web chat user key, for EventSource, which cannot send headers' },
    },
  }
}
