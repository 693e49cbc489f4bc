import { ParleyError } from '@parley/sdk'

export type ServeErrorCode = 'BOT_NOT_FOUND' | 'BOT_LOAD_FAILED' | 'BUILD_MISSING' | 'PORT_INVALID' | 'BOT_UNSPECIFIED' | 'SETTING_INVALID' | 'DEPLOY_FAILED' | 'CONVERSATION_TIMEOUT_INVALID' | 'PUBLIC_URL_INVALID'

/** `parley dev`, `start` or `chat` cannot run as asked; the message says what to change. */
export class ServeError extends ParleyError {
  constructor(
    override readonly code: ServeErrorCode,
    message: string,
  ) {
    super(code, message)
  }
}
