import type { LooseTypes } from '../implementation/types.js'
import type { CommonHandlerProps } from '../implementation/props.js'
import { checkHttpRequest, httpRequest, type HttpResult } from './http-request.js'
import { KV_CALLS, pluginKv, type PluginKv } from './plugin-kv.js'

type Props = CommonHandlerProps<LooseTypes>
type Level = 'debug' | 'info' | 'warn' | 'error'

/** Python's logging names beside Parley's: `warning` is `warn`, `critical` and `exception` are `error`. */
const LEVELS: Record<string, Level> = {
  debug: 'debug', info: 'info', warn: 'warn', warning: 'warn', error: 'error', critical: 'error', exception: 'error', fatal: 'error',
}

/** The longest log line a handler may write; longer ones are cut, not refused. */
const MAX_LOG_CHARS = 10_000

/** The sdk calls that need the runtime, by the name both the Python and the JavaScript sdk use. */
export const SDK_CALLS: Record<string, (props: Props, args: Record<string, unknown>) => Promise<unknown>> = {
  http_request: (_props, args) => httpRequest(checkHttpRequest(args)),
  send_message: async (props, args) => {
    const text = args['text']
    const conversationId = args['session_id']
    if (typeof conversationId !== 'string' || conversationId === '') throw new TypeError('send_message: session_id must be the id of a conversation')
    if (typeof text !== 'string') throw new TypeError('send_message: text must be a string')
    const { message } = await props.client.createMessage({ conversationId, type: 'text', payload: { text } })
    return { message_id: message.id }
  },
  ...KV_CALLS,
}

/** `sdk.log(message, level)`: into the runtime's logs, under the plugin's alias. */
export function log(props: Props, message: unknown, level: unknown = 'info'): void {
  const text = String(message)
  props.logger[LEVELS[String(level).toLowerCase()] ?? 'info'](text.length > MAX_LOG_CHARS ? `${text.slice(0, MAX_LOG_CHARS)}…` : text)
}

export function callSdk(props: Props, method: string, args: unknown): Promise<unknown> {
  const call = Object.hasOwn(SDK_CALLS, method) ? SDK_CALLS[method] : undefined
  if (!call) return Promise.reject(new TypeError(`sdk.${method} does not exist`))
  return call(props, (typeof args === 'object' && args !== null ? args : {}) as Record<string, unknown>)
}

/** What `sdk` is to a JavaScript or TypeScript handler: the Python sdk's methods, with the same names. */
export interface PluginSdk {
  log(message: unknown, level?: string): void
  readonly config: { get<T = unknown>(name: string, fallback?: T): T }
  http_request(method: string, url: string, options?: { json?: unknown; headers?: Record<string, string>; timeout?: number; data?: string }): Promise<HttpResult>
  http_request(request: { method?: string; url: string; json?: unknown; headers?: Record<string, string>; timeout?: number; data?: string }): Promise<HttpResult>
  send_message(session_id: string, text: string): Promise<{ message_id: string }>
  /** The plugin's own key-value store: the one a `createPlugin` plugin reaches as `context.api.db`. */
  readonly kv: PluginKv
}

export function pluginSdk(props: Props): PluginSdk {
  const configuration = props.configuration as Record<string, unknown>
  return {
    log: (message, level) => log(props, message, level),
    config: { get: <T>(name: string, fallback?: T) => (Object.hasOwn(configuration, name) && configuration[name] != null ? configuration[name] : fallback) as T },
    http_request: (first: unknown, url?: string, options?: object) =>
      callSdk(props, 'http_request', typeof first === 'string' ? { ...options, method: first, url } : first) as Promise<HttpResult>,
    send_message: (session_id, text) => callSdk(props, 'send_message', { session_id, text }) as Promise<{ message_id: string }>,
    kv: pluginKv(props.kv),
  }
}
