import type { z } from '@parley/sdk'
import type { ClientOperation } from '../api/operations/index.js'
import { studioOperations, type StudioOperationName } from '../api/studio/operations.js'
import { callOperation } from './call-operation.js'
import { path } from './path.js'
import { createTransport } from './transport.js'
import type { HttpClientOptions } from './http-client.js'

type Ops = typeof studioOperations
/** The streams are read with an EventSource (or `fetch`), not called. */
type Called = Exclude<StudioOperationName, 'streamTurns' | 'streamLogs'>
type Fields<S> = S extends z.ZodTypeAny ? z.input<S> : object
type Request<N extends Called> = Omit<Fields<Ops[N]['params']>, 'botId'> & (Ops[N] extends { query: infer Q } ? Fields<Q> : object)
type Result<N extends Called> = Ops[N]['success'] extends { schema: infer S } ? (S extends z.ZodTypeAny ? z.output<S> : never) : void

/** Parley Studio's reads of a bot over HTTP: one method per studio operation, derived from the same table the server serves. */
export type StudioClient = { readonly [N in Called]: (request: Request<N>) => Promise<Result<N>> }

/**
 * @example
 * const studio = createStudioClient({ url: 'http://127.0.0.1:3000', token, botId: 'support' })
 * const { turns } = await studio.listConversationTurns({ conversationId })
 */
export function createStudioClient(options: HttpClientOptions): StudioClient {
  const t = createTransport(options, path`v1/bots/${options.botId}/`)
  const entries = Object.entries(studioOperations).filter(([, operation]) => !('contentType' in operation.success))
  // The studio's operations have the shape of the client's, without a `Client` method behind them.
  return Object.fromEntries(entries.map(([name, operation]) => [name, (request: unknown) => callOperation(t, operation as unknown as ClientOperation, request)])) as unknown as StudioClient
}
