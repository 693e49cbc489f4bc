import { toJsonSchema, z, type Schema } from '@parley/sdk'
import type { Route, Success } from '../routes/route.js'
import { COMPONENT_MARK } from '../../api/schemas/component.js'
import { openApiPath, parametersOf } from './parameters.js'
import type { JsonSchema, OpenApiDocument, Operation, Parameter, ResponseObject } from './types.js'

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
  412: 'The state is not at a version If-Match names (code STATE_VERSION_CONFLICT); nothing was written',
  413: 'The body, or a state it writes, is too large',
  500: 'The server failed; its log has the details',
}

const SECURITY = {
  public: [],
  token: [{ apiToken: [] }],
  // The same token, of scope admin: OpenAPI has no word for a token's scope.
  admin: [{ apiToken: [] }],
  webchat: [{ webchatKey: [] }, { webchatKeyQuery: [] }],
} as const

const IF_MATCH: Parameter = {
  name: 'If-Match', in: 'header', required: false, schema: { type: 'string' },
  description: 'Write only over one of these versions (entity tags such as "3", as ETag answers them), or "*": only if the state exists',
}

/** Named records found in operation schemas, gathered into `components.schemas` as they are met. */
type Components = Record<string, JsonSchema>

/**
 * The OpenAPI 3.1 document of the routes, every schema converted from the zod schema the server checks
 * with. Records marked as components (`schemas/records.ts`) are listed once and referred to by `$ref`.
 */
export function openApiDocument(routes: readonly Route[], info: ApiInfo): OpenApiDocument {
  const schemas: Components = { Error: toJsonSchema(errorSchema) }
  const convert = (schema: Schema) => hoistComponents(toJsonSchema(schema), schemas) as JsonSchema
  const paths: Record<string, Record<string, Operation>> = {}
  for (const route of routes) (paths[openApiPath(route.path)] ??= {})[route.method] = operation(route, convert)
  return { openapi: '3.1.0', info, paths, components: components(schemas) }
}

function operation(route: Route, convert: (schema: Schema) => JsonSchema): Operation {
  const { operationId, summary, tag, access } = route
  const parameters = [...parametersOf(route.params, 'path'), ...parametersOf(route.query, 'query'), ...(route.conditional ? [IF_MATCH] : [])]
  const requestBody = requestBodyOf(route.body, convert)
  return { operationId, summary, tags: [tag], parameters, ...(requestBody ? { requestBody } : {}), responses: responses(route, convert), security: SECURITY[access] }
}

function requestBodyOf(body: Route['body'], convert: (schema: Schema) => JsonSchema): Operation['requestBody'] {
  if (body === undefined) return undefined
  if (body === 'raw') return { required: false, content: { '*/*': { schema: { type: 'string' } } } }
  if (body === 'bytes') return { required: true, content: { '*/*': { schema: { type: 'string', format: 'binary' } } } }
  return { required: !body.safeParse({}).success, content: json(convert(body)) }
}

function responses(route: Route, convert: (schema: Schema) => JsonSchema): Operation['responses'] {
  const errors = Object.keys(ERROR_STATUSES).filter((status) => (route.access !== 'public' || !['401', '403'].includes(status)) && (status !== '412' || route.conditional))
  const refs = Object.fromEntries(errors.map((status) => [status, { $ref: `#/components/responses/Error${status}` }]))
  return { [route.success.status]: success(route.success, convert), ...refs }
}

function success(result: Success, convert: (schema: Schema) => JsonSchema): ResponseObject {
  if ('schema' in result) return withEtag({ description: 'Done', content: json(convert(result.schema)) })
  if ('contentType' in result) return { description: result.description, content: { [result.contentType]: { schema: result.contentType === '*/*' ? {} : { type: 'string' } } } }
  return { description: 'Done; no content' }
}

/** A response carrying one state sends its version as the ETag. */
function withEtag(response: ResponseObject): ResponseObject {
  const schema = response.content?.['application/json']?.schema as { properties?: { state?: { $ref?: string } } } | undefined
  if (schema?.properties?.state?.$ref !== '#/components/schemas/State') return response
  return { ...response, headers: { ETag: { description: "The state's version, for If-Match", schema: { type: 'string' } } } }
}

function json(schema: JsonSchema) {
  return { 'application/json': { schema } }
}

/**
 * Replaces each schema marked as a component with a `$ref` to it, adding it to `schemas` the first time.
 * The schemas are the API's own, a few levels deep, so recursion is bounded by their shape.
 */
function hoistComponents(node: unknown, schemas: Components): unknown {
  if (Array.isArray(node)) return node.map((item) => hoistComponents(item, schemas))
  if (typeof node !== 'object' || node === null) return node
  const { [COMPONENT_MARK]: name, ...rest } = node as Record<string, unknown>
  const schema = Object.fromEntries(Object.entries(rest).map(([key, value]) => [key, hoistComponents(value, schemas)]))
  if (typeof name !== 'string') return schema
  schemas[name] ??= schema as JsonSchema
  return { $ref: `#/components/schemas/${name}` }
}

function components(schemas: Components): OpenApiDocument['components'] {
  const errorRef = { $ref: '#/components/schemas/Error' }
  const responses = Object.fromEntries(Object.entries(ERROR_STATUSES).map(([status, description]) => [`Error${status}`, { description, content: { 'application/json': { schema: errorRef } } }]))
  return {
    schemas,
    responses,
    securitySchemes: {
      apiToken: { type: 'http', scheme: 'bearer', description: 'An API token from PARLEY_API_TOKENS, with scope admin or bot:<botId>' },
      webchatKey: { type: 'http', scheme: 'bearer', description: 'A web chat user key from POST /v1/bots/{botId}/webchat/session' },
      webchatKeyQuery: { type: 'apiKey', in: 'query', name: 'key', description: 'The web chat user key, for EventSource, which cannot send headers' },
    },
  }
}
