import { ParleyError } from '@parley/sdk'

/**
 * Stable codes for what can go wrong with Telegram.
 * - `UPSTREAM_FAILED`: the Bot API refused the call (`ok: false`), or answered 5xx after the retries.
 * - `UPSTREAM_TIMEOUT`, `UPSTREAM_UNREACHABLE`: no answer in time; no connection.
 * - `UPSTREAM_BAD_RESPONSE`: an answer that is not a Bot API envelope.
 * - `TELEGRAM_TOKEN_MISSING`: no bot token in the secrets, or one that cannot be a token.
 * - `TELEGRAM_SECRET_INVALID`: a webhook secret Telegram would not accept.
 * - `TELEGRAM_CHAT_MISSING`: a conversation that is not a Telegram chat was given to the channel.
 * - `CHOICE_VALUE_TOO_LARGE`: an option value longer than a button's callback data may be (64 bytes).
 */
export type TelegramErrorCode =
  | 'UPSTREAM_FAILED' | 'UPSTREAM_TIMEOUT' | 'UPSTREAM_UNREACHABLE' | 'UPSTREAM_BAD_RESPONSE'
  | 'TELEGRAM_TOKEN_MISSING' | 'TELEGRAM_SECRET_INVALID' | 'TELEGRAM_CHAT_MISSING' | 'CHOICE_VALUE_TOO_LARGE'

/** A Bot API call failed, or the integration cannot make it; the message names the method and what Telegram said. */
export class TelegramError extends ParleyError {
  constructor(
    override readonly code: TelegramErrorCode,
    message: string,
    /** Telegram's `error_code` (an HTTP status), when it answered one. */
    readonly errorCode?: number,
    /** Seconds Telegram asked to wait (`parameters.retry_after`), when it did. */
    readonly retryAfter?: number,
  ) {
    super(code, message)
  }
}
