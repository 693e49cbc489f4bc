import type { Logger } from './proxies.js'

export type LogLevel = 'debug' | 'info' | 'warn' | 'error'

/** What a log line is about: the ids it is kept with, and any other fields given to `.with()`. */
export interface LogOptions {
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
  readonly eventId?: string
  readonly workflowId?: string
  /** `bot` when written with `forBot()`: addressed to the bot's owner rather than the package's author. */
  readonly audience?: 'bot' | 'package'
  readonly [field: string]: unknown
}

/** One line, as a {@link LogSink} receives it. */
export interface LogLine {
  readonly level: LogLevel
  readonly message: string
  readonly options: LogOptions
}

/** Where a {@link BotLogger} writes: the runtime's log store, or the console by default. */
export type LogSink = (line: LogLine) => void

const toConsole: LogSink = ({ level, message }) => console[level](message)

/**
 * The logger handlers receive. `with…()` returns a logger whose lines carry more ids (the original is
 * unchanged), so a helper can log about the conversation it works on:
 *
 * @example
 * logger.withConversationId(conversation.id).info('Sending message to upstream')
 * logger.forBot().warn('No model configured')
 */
export class BotLogger implements Logger {
  readonly #sink: LogSink
  readonly #options: LogOptions

  constructor(options: LogOptions = {}, sink: LogSink = toConsole) {
    this.#options = options
    this.#sink = sink
  }

  /** The ids and fields this logger's lines carry. */
  get options(): LogOptions {
    return this.#options
  }

  debug(...args: unknown[]): void { this.#write('debug', args) }
  info(...args: unknown[]): void { this.#write('info', args) }
  warn(...args: unknown[]): void { this.#write('warn', args) }
  error(...args: unknown[]): void { this.#write('error', args) }

  /** A logger whose lines also carry these fields (later ones win). */
  with(options: LogOptions | object): BotLogger {
    return new BotLogger({ ...this.#options, ...(options as LogOptions) }, this.#sink)
  }

  withConversationId(conversationId: string): BotLogger { return this.with({ conversationId }) }
  withUserId(userId: string): BotLogger { return this.with({ userId }) }
  withMessageId(messageId: string): BotLogger { return this.with({ messageId }) }
  withWorkflowId(workflowId: string): BotLogger { return this.with({ workflowId }) }

  /** The same log, addressed to the bot's owner rather than the package's author. */
  forBot(): BotLogger {
    return this.with({ audience: 'bot' })
  }

  #write(level: LogLevel, args: readonly unknown[]): void {
    this.#sink({ level, message: args.map(text).join(' '), options: this.#options })
  }
}

/**
 * One logged value as text: strings as they are, errors by their stack, the rest as JSON. (Not
 * `node:util`'s `format`, so that the SDK runs wherever a handler does, browsers included.)
 */
function text(value: unknown): string {
  if (typeof value === 'string') return value
  if (value instanceof Error) return value.stack ?? `${value.name}: ${value.message}`
  if (typeof value !== 'object' || value === null) return String(value)
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v)) ?? String(value)
  } catch {
    return String(value) // a value with cycles
  }
}
