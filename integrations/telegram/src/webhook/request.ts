import { secretsEqual, type WebhookRequest, type WebhookResponse } from '@parley/sdk'
import { update } from '../bot-api/types.js'
import { webhookSecret } from '../configuration.js'
import type { TelegramProps } from '../types.js'
import { handleUpdate } from './updates.js'

export const SECRET_HEADER = 'x-telegram-bot-api-secret-token'

/**
 * Telegram's webhook: a POST whose `X-Telegram-Bot-Api-Secret-Token` header holds the secret given to
 * `setWebhook`, and whose body is one update. Anything else is answered before a record is touched:
 * 405 for another method, 401 for a missing or wrong secret, 400 for a body that is not an update.
 */
export async function handleRequest(props: TelegramProps & { readonly req: WebhookRequest }): Promise<WebhookResponse> {
  const { req } = props
  if (req.method.toUpperCase() !== 'POST') return answer(405, 'Telegram posts updates: use POST', { allow: 'POST' })
  if (!secretsEqual(headerOf(req, SECRET_HEADER), webhookSecret(props.secrets))) {
    props.logger.warn(`webhook refused: the ${SECRET_HEADER} header is missing or wrong`)
    return answer(401, `the ${SECRET_HEADER} header is missing or wrong`)
  }
  const parsed = update.safeParse(parseJson(req.body))
  if (!parsed.success) return answer(400, `the body is not a Telegram update: ${parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ')}`)
  await handleUpdate(props, parsed.data)
  return answer(200)
}

/** Header names are matched whatever their case: HTTP does not fix it. */
function headerOf(req: WebhookRequest, name: string): string | undefined {
  const key = Object.keys(req.headers).find((candidate) => candidate.toLowerCase() === name)
  return key === undefined ? undefined : req.headers[key]
}

function answer(status: number, error?: string, headers: Record<string, string> = {}): WebhookResponse {
  const body = JSON.stringify(error === undefined ? { ok: true } : { ok: false, error })
  return { status, headers: { 'content-type': 'application/json', ...headers }, body }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined
  }
}
