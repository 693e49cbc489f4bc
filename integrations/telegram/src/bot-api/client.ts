import ky, { HTTPError, TimeoutError, type AfterResponseHook } from 'ky'
import type { z } from '@parley/sdk'
import { botToken, type Configuration, type Secrets } from '../configuration.js'
import { TelegramError } from '../errors.js'
import { envelope } from './types.js'

/** Bot API answers are small JSON envelopes; anything much larger is not one. */
const MAX_ANSWER_BYTES = 1024 * 1024
const BASE_DELAY_MS = 500

/** Calls Bot API methods: `call('sendMessage', { chat_id, text })` resolves with the envelope's `result`. */
export interface BotApi {
  call(method: string, params: object): Promise<unknown>
}

/**
 * A Bot API client over ky: `POST {apiBaseUrl}/bot<token>/<method>` with a JSON body. Retries a lost
 * connection and 5xx answers with exponential backoff and jitter, and a 429 after the `retry_after`
 * Telegram puts in its body (unless that is longer than an attempt may take). The token is part of
 * every URL, so no message this client writes contains a URL.
 */
export function botApi(configuration: Configuration, secrets: Secrets): BotApi {
  const token = botToken(secrets)
  const base = `${configuration.apiBaseUrl.replace(/\/+$/, '')}/bot${token}`
  return {
    call: async (method, params) => {
      try {
        return await callOnce(base, method, params, configuration)
      } catch (error) {
        throw redacted(await asTelegramError(method, error), token)
      }
    },
  }
}

async function callOnce(base: string, method: string, params: object, configuration: Configuration): Promise<unknown> {
  const response = await ky.post(`${base}/${method}`, {
    json: params,
    timeout: configuration.timeoutMs,
    // ky's timeout ends with the headers; this bounds the whole call, bodies and waits between retries included.
    signal: AbortSignal.timeout(configuration.timeoutMs * (2 * configuration.maxRetries + 1)),
    // Telegram's 4xx answers are envelopes saying why; only 5xx are errors to retry.
    throwHttpErrors: (status) => status >= 500,
    retry: { limit: configuration.maxRetries, methods: ['post'], statusCodes: [500, 502, 503, 504], delay: (n) => BASE_DELAY_MS * 2 ** (n - 1), jitter: true, backoffLimit: configuration.timeoutMs },
    hooks: { afterResponse: [retryAfterRateLimit(configuration)] },
  })
  return resultOf(method, await readEnvelope(method, response))
}

/** Telegram says how long to wait after a 429 in the body (`parameters.retry_after`), not in a header. */
function retryAfterRateLimit(configuration: Configuration): AfterResponseHook {
  return async (_request, _options, response, state) => {
    if (response.status !== 429 || state.retryCount >= configuration.maxRetries) return response
    const parsed = envelope.safeParse(await response.clone().json().catch(() => undefined))
    const seconds = parsed.success && !parsed.data.ok ? parsed.data.parameters?.retry_after ?? 1 : 1
    return seconds * 1000 > configuration.timeoutMs ? response : ky.retry({ delay: seconds * 1000 })
  }
}

async function readEnvelope(method: string, response: Response): Promise<z.infer<typeof envelope>> {
  const text = await boundedText(response)
  const parsed = envelope.safeParse(parseJson(text))
  if (parsed.success) return parsed.data
  throw new TelegramError('UPSTREAM_BAD_RESPONSE', `Telegram's ${method} answered ${response.status} with something that is not a Bot API answer: ${JSON.stringify(text.slice(0, 200))}; check apiBaseUrl`, response.status)
}

function resultOf(method: string, answer: z.infer<typeof envelope>): unknown {
  if (answer.ok) return answer.result
  const wait = answer.parameters?.retry_after
  const after = wait === undefined ? '' : ` (retry after ${wait} s)`
  throw new TelegramError('UPSTREAM_FAILED', `Telegram's ${method} answered ${answer.error_code}: ${JSON.stringify(answer.description)}${after}${hint(answer.error_code)}`, answer.error_code, wait)
}

function hint(errorCode: number): string {
  if (errorCode === 401 || errorCode === 404) return '; check the TELEGRAM_BOT_TOKEN secret'
  if (errorCode === 403) return '; the bot cannot write to this chat (blocked, or removed from it)'
  return ''
}

async function asTelegramError(method: string, error: unknown): Promise<TelegramError> {
  if (error instanceof TelegramError) return error
  if (error instanceof HTTPError) {
    const description = await error.response.text().then((text) => text.slice(0, 200), () => '')
    return new TelegramError('UPSTREAM_FAILED', `Telegram's ${method} answered ${error.response.status}: ${JSON.stringify(description)}; Telegram failed: try again later`, error.response.status)
  }
  if (error instanceof TimeoutError || (error as Error)?.name === 'TimeoutError') return new TelegramError('UPSTREAM_TIMEOUT', `Telegram's ${method} did not answer in time; check the network, or raise timeoutMs in the configuration`)
  const cause = (error as { cause?: { code?: unknown } }).cause?.code ?? (error as Error).name
  return new TelegramError('UPSTREAM_UNREACHABLE', `could not reach the Bot API for ${method} (${String(cause)}); check apiBaseUrl and the network`)
}

/** Belt and braces: whatever a message came to hold, it never shows the token. */
function redacted(error: TelegramError, token: string): TelegramError {
  if (!error.message.includes(token)) return error
  return new TelegramError(error.code, error.message.replaceAll(token, '<token>'), error.errorCode, error.retryAfter)
}

async function boundedText(response: Response): Promise<string> {
  const declared = Number(response.headers.get('content-length') ?? 0)
  if (declared > MAX_ANSWER_BYTES) throw tooLarge(response)
  const text = await response.text()
  if (text.length > MAX_ANSWER_BYTES) throw tooLarge(response)
  return text
}

function tooLarge(response: Response): TelegramError {
  return new TelegramError('UPSTREAM_BAD_RESPONSE', `the Bot API answered ${response.status} with more than ${MAX_ANSWER_BYTES} bytes; check apiBaseUrl`, response.status)
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
