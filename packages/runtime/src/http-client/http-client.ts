import { UNTYPED_CLIENT_NAMES, type Client, type ImplementationTypes, type LooseTypes } from '@parley/sdk'
import { clientAliases, clientOperations, type ClientOperation } from '../api/operations/index.js'
import { callOperation } from './call-operation.js'
import { path } from './path.js'
import { createTransport, type Transport, type TransportOptions } from './transport.js'
import { updateState, type UpdateStateRequest } from './update-state.js'

export interface HttpClientOptions extends TransportOptions {
  readonly botId: string
}

/** What the HTTP client offers beside `Client`: updates of shared state that are never lost. */
export interface StateUpdates {
  updateState(request: UpdateStateRequest): ReturnType<typeof updateState>
}

type Call = (request?: unknown) => Promise<unknown>

/**
 * The `Client` of a bot running behind a Parley server: the same interface handlers get in-process, and the
 * same results and error codes, over HTTP. Every method is derived from the operation table the server
 * serves (`http/operations/`). Pass the project's generated types for typed names.
 *
 * @example
 * const client = createHttpClient<bp.Types>({ url: 'http://127.0.0.1:3000', token, botId: 'support' })
 * await client.callAction({ type: 'analytics:trackEvent', input: { name: 'signup' } })
 */
export function createHttpClient<T extends ImplementationTypes = LooseTypes>(options: HttpClientOptions): Client<T> & StateUpdates {
  const t = createTransport(options, path`v1/bots/${options.botId}/`)
  const calls: Record<string, Call> = {}
  for (const [name, operation] of Object.entries(clientOperations)) calls[name] = (request) => callOperation(t, operation as ClientOperation, request)
  for (const [name, alias] of Object.entries(clientAliases)) calls[name] = aliasCall(calls[alias.via]!, alias)
  const client = calls as unknown as Client
  // The server checks every name and payload against the bot's definition; generated types only narrow them.
  Object.assign(client, { updateState: (request: UpdateStateRequest) => updateState(client, request) })
  // Botpress code reaches the untyped client as `client._inner` or `client._client`: this one is untyped underneath already.
  for (const name of UNTYPED_CLIENT_NAMES) Object.defineProperty(client, name, { value: client })
  return client as unknown as Client<T> & StateUpdates
}

function aliasCall(via: Call, alias: { readonly via: string; readonly toRequest?: (request: never) => unknown; readonly fromResult?: (result: never) => unknown }): Call {
  return async (request) => {
    const result = await via(alias.toRequest ? alias.toRequest(request as never) : request)
    return alias.fromResult ? alias.fromResult(result as never) : result
  }
}

export type { Transport }
