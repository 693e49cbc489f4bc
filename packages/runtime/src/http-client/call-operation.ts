import type { ClientOperation, Wire } from '../api/operations/index.js'
import type { QueryValues } from './query.js'
import type { Transport } from './transport.js'

const PARAM = /:([A-Za-z0-9_]+)/g
const BOT_PREFIX = '/v1/bots/:botId/'

/**
 * Sends one call as its operation describes it: fields named in the path fill it, `ifVersion` of a
 * conditional write becomes `If-Match`, the rest travel in the query (`get`, `delete`) or the JSON body.
 */
export async function callOperation(t: Transport, operation: ClientOperation, request: unknown): Promise<unknown> {
  const wire: Wire = operation.toWire ? operation.toWire(request as never) : ((request ?? {}) as Wire)
  const { ifVersion, ...fields } = operation.conditional ? wire : { ...wire, ifVersion: undefined }
  const inPath = new Set<string>()
  const path = operation.path.slice(BOT_PREFIX.length).replace(PARAM, (_, name: string) => {
    inPath.add(name)
    return encodeURIComponent(String(fields[name]))
  })
  const rest = Object.fromEntries(Object.entries(fields).filter(([name]) => !inPath.has(name)))
  const headers = typeof ifVersion === 'number' ? { 'if-match': `"${ifVersion}"` } : undefined
  const inQuery = operation.method === 'get' || operation.method === 'delete'
  const body = await t.call(operation.method, path, inQuery ? { query: rest as QueryValues, headers } : { json: rest, headers })
  return operation.resultFromWire ? operation.resultFromWire(body) : body
}
