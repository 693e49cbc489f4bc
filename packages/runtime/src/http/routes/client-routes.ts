import type { Client } from '@parley/sdk'
import { operationEntries, type ClientName, type ClientOperation } from '../../api/operations/index.js'
import { conditionally, sendVersion } from './conditional.js'
import { botRoute, type Route } from './route.js'

type Call = (request: unknown) => Promise<unknown>

/** Every method of `Client` as a route, in the order the table lists them. */
export function clientRoutes(): Route[] {
  return operationEntries().map(([name, operation]) => clientRoute(name, operation))
}

/** Checks the request with the operation's schemas, calls the bot's client, and answers with its result. */
function clientRoute(name: ClientName, operation: ClientOperation): Route {
  const { method, path, summary, tag, params, query, body, success, conditional } = operation
  return botRoute({
    method, path, operationId: name, summary, tag, access: 'token', params, query, body, success, conditional,
    handle: async ({ client, params, query, body, c }) => {
      const wire = { ...(query as object), ...(body as object), ...withoutBotId(params) }
      const request = operation.fromWire ? operation.fromWire(wire) : wire
      const call = methodOf(client, name)
      const result = conditional ? await conditionally(c, client, request as never, call) : await call(request)
      sendVersion(c, result)
      return operation.resultToWire ? operation.resultToWire(result as never) : result
    },
  })
}

function withoutBotId(params: unknown): object {
  const { botId: _botId, ...fields } = params as { botId: string }
  return fields
}

function methodOf(client: Client, name: ClientName): Call {
  return (client[name] as Call).bind(client)
}
