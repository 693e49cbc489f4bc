export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** What a log record points at: the conversation, user, message or event being handled when it was written. */
export interface LogLinks {
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
  readonly eventId?: string
  /** The turn being handled, whose trace the record belongs with. */
  readonly turnId?: string
}

export interface NewLogRecord extends LogLinks {
  readonly level: LogLevel
  /** `developer` for the package's author; `bot` for the bot's owner (`logger.forBot()`). */
  readonly audience: 'developer' | 'bot'
  /** Who wrote it: `bot`, a plugin's or integration's alias, or `runtime`. */
  readonly source: string
  readonly message: string
  readonly data?: Readonly<Record<string, unknown>>
}

export interface LogRecord extends NewLogRecord {
  readonly seq: number
  readonly createdAt: string
}
