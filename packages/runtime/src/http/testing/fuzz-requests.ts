import fc from 'fast-check'

// Requests generated from the served OpenAPI document: for every operation, path parameters, query
// strings, bodies and credentials, well-shaped ones (from each schema, and from the names the bot really
// has, so calls reach storage) mixed with hostile ones — prototype keys, NUL and lone surrogates, huge
// and non-finite numbers, huge lists, deep nesting, malformed JSON.

/** JSON to send, built as text so that an object may carry any key, `__proto__` included. */
export type Json =
  | null | boolean | number | string
  | { readonly list: readonly Json[] }
  | { readonly entries: readonly (readonly [string, Json])[] }
  | { readonly text: string }

export interface FuzzRequest {
  /** The operation it exercises, for the failure message. */
  readonly operation: string
  readonly method: string
  /** Path and query, encoded. */
  readonly target: string
  readonly headers: Readonly<Record<string, string>>
  readonly body?: string
}

export interface FuzzTargets {
  readonly document: OpenApi
  readonly tokens: { readonly admin: string; readonly bot: string; readonly other: string }
  /** A web chat session's key, and its conversation (which the values of `conversationId` include). */
  readonly webchatKey: string
  /** Values the bot really has, by path parameter name: ids, tables, states, aliases. */
  readonly known: Readonly<Record<string, readonly string[]>>
  /** Names the bot's definition knows, used for strings and keys in bodies. */
  readonly names: readonly string[]
  /** Values never to generate for a parameter (a webhook path whose handler fails on purpose). */
  readonly avoid?: Readonly<Record<string, readonly string[]>>
  /** Bodies that fit the bot's definitions, by operation, so generated calls get past the checks into storage. */
  readonly examples?: Readonly<Record<string, fc.Arbitrary<Json>>>
}

interface Schema {
  readonly $ref?: string
  readonly type?: string | readonly string[]
  readonly enum?: readonly unknown[]
  readonly anyOf?: readonly Schema[]
  readonly oneOf?: readonly Schema[]
  readonly allOf?: readonly Schema[]
  readonly properties?: Readonly<Record<string, Schema>>
  readonly required?: readonly string[]
  readonly additionalProperties?: boolean | Schema
  readonly items?: Schema
  readonly format?: string
  readonly minimum?: number
  readonly maximum?: number
  readonly maxLength?: number
}

interface Parameter {
  readonly name: string
  readonly in: 'path' | 'query' | 'header'
  readonly schema: Schema
  readonly style?: string
}

interface Operation {
  readonly operationId: string
  readonly parameters?: readonly Parameter[]
  readonly requestBody?: { readonly content: Readonly<Record<string, { readonly schema: Schema }>> }
  readonly security: readonly Readonly<Record<string, unknown>>[]
}

export interface OpenApi {
  readonly paths: Readonly<Record<string, Readonly<Record<string, Operation>>>>
  readonly components: { readonly schemas: Readonly<Record<string, Schema>> }
}

const RESERVED = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'valueOf']
const OPERATORS = ['$eq', '$ne', '$gt', '$gte', '$lt', '$lte', '$in', '$nin', '$and', '$or', '$not', '$count', '$sum']

function nested(depth: number, open: string, close: string, inner = '1'): string {
  return `${open.repeat(depth)}${inner}${close.repeat(depth)}`
}

/** Made once: large enough to matter, costly to build for every run. */
const HUGE: readonly string[] = [
  `[${Array.from({ length: 50_000 }, (_, i) => i).join(',')}]`,
  `{"$in":[${Array.from({ length: 50_000 }, (_, i) => i).join(',')}]}`,
  nested(2000, '{"$not":', '}', '{"score":1}'),
  nested(100_000, '[', ']'),
  `[${Array.from({ length: 20_000 }, () => '"x"').join(',')}]`,
  `"${'x'.repeat(300_000)}"`,
]

export const hostileText = fc.constantFrom(
  '\u0000', 'a\u0000b', '\ud800', 'x\udc00y', '\udbff\udbff', ...RESERVED, '', ' ', 'x'.repeat(3000), 'y'.repeat(300),
  '%00', '../../etc/passwd', "'; DROP TABLE parley_users; --", '😀', '\u202e', 'W/"1"', '*', 'null', '{}',
)
export const hostileNumber = fc.constantFrom(1e308, -1e308, 1e20, -1e20, -1, 0, 1.5, -0.5, Number.MAX_SAFE_INTEGER + 2, 2 ** 31, 2 ** 63)
export const hostileJson: fc.Arbitrary<Json> = fc.oneof(
  hostileText,
  hostileNumber,
  fc.constantFrom<Json>({ text: '1e400' }, { text: '-1e400' }, { text: '{"__proto__":{"polluted":true}}' }, { text: '{"constructor":{"prototype":{"polluted":true}}}' }),
  fc.constantFrom(...HUGE).map((text): Json => ({ text })),
)

/**
 * Every operation of the document as an arbitrary request, and requests to places the document does not
 * list. Half are well-formed calls with the bot's own ids and names (their leaves now and then hostile),
 * to reach storage; half mix anything into any part.
 */
export function fuzzRequests(targets: FuzzTargets): fc.Arbitrary<FuzzRequest> {
  const operations = Object.entries(targets.document.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, operation]) =>
    fc.oneof(operationRequest(targets, path, method, operation, true), operationRequest(targets, path, method, operation, false))))
  return fc.oneof({ weight: 20, arbitrary: fc.oneof(...operations) }, { weight: 1, arbitrary: unlisted() })
}

function operationRequest(targets: FuzzTargets, path: string, method: string, operation: Operation, wellFormed: boolean): fc.Arbitrary<FuzzRequest> {
  const parameters = operation.parameters ?? []
  const inPath = parameters.filter((parameter) => parameter.in === 'path')
  const inQuery = parameters.filter((parameter) => parameter.in === 'query')
  const params = fc.record(Object.fromEntries(inPath.map((parameter) => [parameter.name, wellFormed ? knownValue(targets, parameter) : pathValue(targets, parameter)])))
  const query = fc.array(wellFormed ? fittingQueryEntry(targets, inQuery) : queryEntry(targets, inQuery), { maxLength: wellFormed ? 2 : 4 })
  const conditional = parameters.some((parameter) => parameter.name === 'If-Match')
  return fc.record({
    params,
    query,
    body: wellFormed ? fittingBody(targets, operation) : bodyOf(targets, operation),
    authorization: wellFormed ? goodCredential(targets, operation) : credential(targets, operation),
    contentType: wellFormed ? fc.constant('application/json') : fc.constantFrom('application/json', 'application/json', 'application/json', 'text/plain', ''),
    ifMatch: conditional ? fc.option(fc.constantFrom('*', '"1"', '"2"', '"1", "2"', 'W/"1"', 'garbage', '""', '"99999999999999999999"', ','), { nil: undefined }) : fc.constant(undefined),
  }).map(({ params, query, body, authorization, contentType, ifMatch }) => {
    const filled = path.replace(/\{([^}]+)\}/g, (_, name: string) => encodePart(params[name] ?? ''))
    const search = query.map(([key, value]) => `${encodePart(key)}=${encodePart(value)}`).join('&')
    const headers: Record<string, string> = {}
    if (authorization) headers['authorization'] = authorization
    if (contentType) headers['content-type'] = contentType
    if (ifMatch !== undefined) headers['if-match'] = ifMatch
    return { operation: operation.operationId, method: method.toUpperCase(), target: search ? `${filled}?${search}` : filled, headers, ...(body === undefined ? {} : { body }) }
  })
}

/** One of the bot's own values for the parameter, or one that fits its schema. */
function knownValue(targets: FuzzTargets, parameter: Parameter): fc.Arbitrary<string> {
  const known = (targets.known[parameter.name] ?? []).filter((value) => !(targets.avoid?.[parameter.name] ?? []).includes(value))
  if (known.length > 0) return fc.constantFrom(...known)
  const values = parameter.schema.enum
  return values ? fc.constantFrom(...(values as string[])) : fc.constantFrom(...targets.names)
}

function pathValue(targets: FuzzTargets, parameter: Parameter): fc.Arbitrary<string> {
  const known = targets.known[parameter.name] ?? []
  const avoid = new Set(targets.avoid?.[parameter.name] ?? [])
  const values = fc.oneof(
    { weight: known.length > 0 ? 8 : 0, arbitrary: known.length > 0 ? fc.constantFrom(...known) : fc.constant('') },
    { weight: 2, arbitrary: stringOf(targets, parameter.schema) },
    { weight: 2, arbitrary: hostileText },
  )
  return values.map((value) => (avoid.has(value) || value === '' ? 'x' : value))
}

/** A known parameter with a fitting or hostile value, a tag (`tags[plan]`), or a key no parameter has. */
function queryEntry(targets: FuzzTargets, parameters: readonly Parameter[]): fc.Arbitrary<[string, string]> {
  const text = fc.oneof(fc.constantFrom(...targets.names), fc.string({ maxLength: 8 }), hostileText, hostileNumber.map(String))
  const known = parameters.map((parameter) =>
    parameter.style === 'deepObject'
      ? fc.tuple(fc.oneof(fc.constantFrom(...targets.names, ...RESERVED), fc.string({ maxLength: 6 }), hostileText), text).map(([key, value]): [string, string] => [`${parameter.name}[${key}]`, value])
      : fc.tuple(fc.constant(parameter.name), fc.oneof(stringOf(targets, parameter.schema), text)))
  const unknown = fc.tuple(fc.constantFrom('__proto__[x]', 'constructor[prototype][x]', '__proto__', 'prototype', 'a[b][c]', 'tags[__proto__]', 'key'), text)
  return fc.oneof(...known, unknown)
}

/** A parameter the operation takes, with a value of its type. */
function fittingQueryEntry(targets: FuzzTargets, parameters: readonly Parameter[]): fc.Arbitrary<[string, string]> {
  if (parameters.length === 0) return fc.constant(['limit', '10'])
  return fc.oneof(...parameters.map((parameter) => {
    const schema = resolve(targets, parameter.schema)
    if (parameter.style === 'deepObject') return fc.constantFrom('plan', 'topic').map((key): [string, string] => [`${parameter.name}[${key}]`, 'pro'])
    if (typeof schema.type !== 'string' && schema.type?.includes('integer')) return fc.integer({ min: schema.minimum ?? 0, max: Math.min(schema.maximum ?? 50, 50) }).map((value): [string, string] => [parameter.name, String(value)])
    return knownValue(targets, parameter).map((value): [string, string] => [parameter.name, value])
  }))
}

/** A body from the operation's examples, when it has some, else from its schema. */
function fittingBody(targets: FuzzTargets, operation: Operation): fc.Arbitrary<string | undefined> {
  const example = targets.examples?.[operation.operationId]
  if (example) return example.map(jsonText)
  const schema = operation.requestBody?.content['application/json']?.schema
  return schema ? shapedJson(targets, resolve(targets, schema), 0).map(jsonText) : fc.constant(undefined)
}

function goodCredential(targets: FuzzTargets, operation: Operation): fc.Arbitrary<string | undefined> {
  const schemes = operation.security.flatMap((requirement) => Object.keys(requirement))
  if (schemes.includes('webchatKey')) return fc.constant(`Bearer ${targets.webchatKey}`)
  if (schemes.includes('apiToken')) return fc.constantFrom(`Bearer ${targets.tokens.admin}`, `Bearer ${targets.tokens.bot}`)
  return fc.constant(undefined)
}

function bodyOf(targets: FuzzTargets, operation: Operation): fc.Arbitrary<string | undefined> {
  const content = operation.requestBody?.content
  if (!content) return fc.oneof({ weight: 9, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: fc.constant('{"unexpected":"body"}') })
  const schema = content['application/json']?.schema ?? {}
  const malformed = fc.constantFrom('{', '[]', 'null', '"text"', '{"a":}', '\u0000', '{"a":1}garbage', '')
  const example = targets.examples?.[operation.operationId]
  return fc.oneof(
    { weight: example ? 4 : 0, arbitrary: example ? example.map(jsonText) : fc.constant(undefined) },
    { weight: 6, arbitrary: jsonOf(targets, schema, 0).map(jsonText) },
    { weight: 2, arbitrary: hostileJson.map(jsonText) },
    { weight: 1, arbitrary: malformed },
    { weight: 1, arbitrary: fc.string({ maxLength: 50 }) },
  )
}

function credential(targets: FuzzTargets, operation: Operation): fc.Arbitrary<string | undefined> {
  const { admin, bot, other } = targets.tokens
  const schemes = operation.security.flatMap((requirement) => Object.keys(requirement))
  const bearer = (token: string) => `Bearer ${token}`
  const strangers = fc.constantFrom(undefined, 'Bearer ', 'Bearer nope', 'Basic YWRtaW46YWRtaW4=', bearer('f'.repeat(32)), `Bearer ${'\u00ff'.repeat(20)}`)
  if (schemes.includes('webchatKey')) return fc.oneof({ weight: 6, arbitrary: fc.constant(bearer(targets.webchatKey)) }, { weight: 1, arbitrary: fc.constant(bearer(admin)) }, { weight: 1, arbitrary: strangers })
  if (schemes.includes('apiToken')) return fc.oneof({ weight: 5, arbitrary: fc.constant(bearer(admin)) }, { weight: 3, arbitrary: fc.constant(bearer(bot)) }, { weight: 1, arbitrary: fc.constant(bearer(other)) }, { weight: 1, arbitrary: strangers })
  return fc.oneof({ weight: 4, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: strangers })
}

/** Requests the document does not list: the chat page and its assets, the document itself, nothing at all. */
function unlisted(): fc.Arbitrary<FuzzRequest> {
  const targets = fc.constantFrom('/chat/fixture', '/chat/nobody', '/chat/assets/chat.js', '/chat/assets/constructor', '/chat/assets/__proto__', '/openapi.json', '/v2/nothing', '/v1/bots/fixture/nothing', '/health?__proto__[x]=1', '/%00', '/v1/bots/%ED%A0%80/users')
  return fc.tuple(targets, fc.constantFrom('GET', 'POST', 'PUT', 'DELETE', 'OPTIONS', 'HEAD')).map(([target, method]) => ({ operation: 'unlisted', method, target, headers: {} }))
}

function jsonOf(targets: FuzzTargets, schema: Schema, depth: number): fc.Arbitrary<Json> {
  const shaped = shapedJson(targets, resolve(targets, schema), depth)
  return fc.oneof({ weight: 9, arbitrary: shaped }, { weight: 1, arbitrary: hostileJson })
}

function shapedJson(targets: FuzzTargets, schema: Schema, depth: number): fc.Arbitrary<Json> {
  const members = schema.anyOf ?? schema.oneOf ?? schema.allOf
  if (members) return fc.oneof(...members.map((member) => jsonOf(targets, member, depth)))
  if (schema.enum) return fc.constantFrom(...(schema.enum as Json[]))
  const types = typeof schema.type === 'string' ? [schema.type] : schema.type ?? []
  if (types.length === 0) return anyJson(targets, depth)
  return fc.oneof(...types.map((type) => typedJson(targets, schema, type, depth)))
}

function typedJson(targets: FuzzTargets, schema: Schema, type: string, depth: number): fc.Arbitrary<Json> {
  switch (type) {
    case 'object': return objectJson(targets, schema, depth)
    case 'array': return fc.array(jsonOf(targets, schema.items ?? {}, depth + 1), { maxLength: depth > 2 ? 1 : 4 }).map((list): Json => ({ list }))
    case 'string': return stringOf(targets, schema)
    case 'integer': return fc.integer({ min: Math.max(schema.minimum ?? -1000, -1e6), max: Math.min(schema.maximum ?? 1000, 1e6) })
    case 'number': return fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 })
    case 'boolean': return fc.boolean()
    default: return fc.constant(null)
  }
}

function objectJson(targets: FuzzTargets, schema: Schema, depth: number): fc.Arbitrary<Json> {
  const properties = Object.entries(schema.properties ?? {})
  const required = new Set(schema.required ?? [])
  const known = properties.map(([name, property]) =>
    required.has(name) ? jsonOf(targets, property, depth + 1).map((value) => [[name, value] as const]) : fc.option(jsonOf(targets, property, depth + 1), { nil: undefined }).map((value) => (value === undefined ? [] : [[name, value] as const])))
  const extra = schema.additionalProperties === false || depth > 3 ? fc.constant([]) : fc.array(fc.tuple(keyOf(targets), anyJson(targets, depth + 1)), { maxLength: properties.length > 0 ? 1 : 4 })
  return fc.tuple(fc.tuple(...known), extra).map(([fields, more]): Json => ({ entries: [...fields.flat(), ...more] }))
}

function anyJson(targets: FuzzTargets, depth: number): fc.Arbitrary<Json> {
  const leaf = fc.oneof(fc.constantFrom(...targets.names), fc.string({ maxLength: 10 }), fc.integer({ min: -100, max: 100 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null))
  if (depth > 3) return leaf
  const list = fc.array(anyJson(targets, depth + 1), { maxLength: 3 }).map((items): Json => ({ list: items }))
  const object = fc.array(fc.tuple(keyOf(targets), anyJson(targets, depth + 1)), { maxLength: 3 }).map((entries): Json => ({ entries }))
  return fc.oneof({ weight: 6, arbitrary: leaf }, { weight: 2, arbitrary: list }, { weight: 2, arbitrary: object }, { weight: 1, arbitrary: hostileJson })
}

function keyOf(targets: FuzzTargets): fc.Arbitrary<string> {
  return fc.oneof(fc.constantFrom(...targets.names), fc.constantFrom(...OPERATORS), fc.constantFrom(...RESERVED), fc.string({ maxLength: 8 }), hostileText)
}

function stringOf(targets: FuzzTargets, schema: Schema): fc.Arbitrary<string> {
  if (schema.format === 'date-time') return fc.date({ min: new Date('1970-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((date) => date.toISOString())
  return fc.oneof(fc.constantFrom(...targets.names), fc.string({ maxLength: Math.min(schema.maxLength ?? 30, 30) }), hostileText)
}

function resolve(targets: FuzzTargets, schema: Schema): Schema {
  if (!schema.$ref) return schema
  return targets.document.components.schemas[schema.$ref.replace('#/components/schemas/', '')] ?? {}
}

export function jsonText(value: Json): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null'
  if ('text' in value) return value.text
  if ('list' in value) return `[${value.list.map(jsonText).join(',')}]`
  return `{${value.entries.map(([key, item]) => `${JSON.stringify(key)}:${jsonText(item)}`).join(',')}}`
}

/** Percent-encodes any text, lone surrogates included (as the bytes a careless client would send). */
function encodePart(text: string): string {
  try {
    return encodeURIComponent(text)
  } catch {
    return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('')
  }
}
