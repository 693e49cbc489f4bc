import { signHmac, z } from '@parley/sdk'
import { TelegramError } from './errors.js'

export const TOKEN_SECRET = 'TELEGRAM_BOT_TOKEN'
export const WEBHOOK_SECRET = 'TELEGRAM_WEBHOOK_SECRET'

export const configurationSchema = z.object({
  /** Where the Bot API is; another address for a local Bot API server (or a test double). */
  apiBaseUrl: z.string().url().max(2000).refine((url) => /^https?:\/\//i.test(url), 'use an http:// or https:// URL').default('https://api.telegram.org'),
  /**
   * The public HTTPS URL Telegram posts updates to, when the runtime's own webhook URL is not reachable
   * from the internet (behind a tunnel, say). Empty: the runtime's URL.
   */
  webhookUrl: z.string().url().max(2000).optional(),
  /** Drops the updates that waited while no webhook was set, when `register` sets it. */
  dropPendingUpdates: z.boolean().default(false),
  /** How long to wait for the Bot API, per attempt. */
  timeoutMs: z.number().int().min(1).max(120_000).default(15_000),
  /** Retries after a 5xx, a lost connection, or a 429 (after the `retry_after` Telegram gives). */
  maxRetries: z.number().int().min(0).max(10).default(2),
})

export type Configuration = z.infer<typeof configurationSchema>

export type Secrets = {
  readonly [TOKEN_SECRET]: string | undefined
  readonly [WEBHOOK_SECRET]: string | undefined
}

const TOKEN = /^\d{1,20}:[A-Za-z0-9_-]{1,200}$/

/** The bot token, checked: it goes into every Bot API URL. */
export function botToken(secrets: Secrets): string {
  const token = secrets[TOKEN_SECRET]
  if (!token) throw new TelegramError('TELEGRAM_TOKEN_MISSING', `the ${TOKEN_SECRET} secret is not set; give the token @BotFather gave the bot (set the environment variable, or pass it in the runtime's secrets)`)
  if (!TOKEN.test(token)) throw new TelegramError('TELEGRAM_TOKEN_MISSING', `the ${TOKEN_SECRET} secret does not look like a bot token (digits, a colon, then letters, digits, _ and -); copy it again from @BotFather`)
  return token
}

/**
 * The secret Telegram sends in `X-Telegram-Bot-Api-Secret-Token` with every update: the configured
 * one, or one derived from the bot token (64 hex characters, within Telegram's allowed set), so every
 * webhook is checked even when no secret was configured.
 */
export function webhookSecret(secrets: Secrets): string {
  const configured = secrets[WEBHOOK_SECRET]
  if (!configured) return signHmac({ secret: botToken(secrets), payload: 'parley telegram webhook secret' })
  if (/^[A-Za-z0-9_-]{1,256}$/.test(configured)) return configured
  throw new TelegramError('TELEGRAM_SECRET_INVALID', `the ${WEBHOOK_SECRET} secret may only hold 1 to 256 letters, digits, _ and - (Telegram's rule); choose another, or leave it unset to derive one from the bot token`)
}
