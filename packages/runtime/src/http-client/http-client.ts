import type { Client, ClientCore, ImplementationTypes, LooseTypes } from '@parley/sdk'
import { actionOperations } from './operations/actions.js'
import { directoryOperations } from './operations/directory.js'
import { eventOperations } from './operations/events.js'
import { messageOperations } from './operations/messages.js'
import { stateOperations } from './operations/states.js'
import { tableOperations } from './operations/tables.js'
import { workflowOperations } from './operations/workflows.js'
import { path } from './path.js'
import { createTransport, type TransportOptions } from './transport.js'

export interface HttpClientOptions extends TransportOptions {
  readonly botId: string
}

/**
 * The `Client` of a bot running behind a Parley server: the same interface handlers get in-process, and the
 * same results and error codes, over HTTP. Pass the project's generated types for typed names.
 *
 * @example
 * const client = createHttpClient<bp.Types>({ url: 'http://127.0.0.1:3000', token, botId: 'support' })
 * await client.callAction({ type: 'analytics:trackEvent', input: { name: 'signup' } })
 */
export function createHttpClient<T extends ImplementationTypes = LooseTypes>(options: HttpClientOptions): Client<T> {
  const t = createTransport(options, path`v1/bots/${options.botId}/`)
  const client: ClientCore = {
    ...actionOperations(t),
    ...eventOperations(t),
    ...stateOperations(t),
    ...tableOperations(t),
    ...directoryOperations(t),
    ...messageOperations(t),
    ...workflowOperations(t),
  }
  // The server checks every name and payload against the bot's definition; generated types only narrow them.
  return client as unknown as Client<T>
}
