/**
 * Tags are plain strings, keyed by the tag names declared on users, conversations and messages. An
 * update merges: it sets the tags it names and keeps the others. (`undefined` values are allowed so that
 * data read from another record's tags can be passed on as it is; they are not stored.)
 */
export type Tags = Record<string, string | undefined>

export interface User {
  readonly id: string
  readonly name?: string
  readonly pictureUrl?: string
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

export interface Conversation {
  readonly id: string
  /** The channel it takes place on: `webchat`, or `alias:channel` for an integration's channel. */
  readonly channel: string
  /** The name of the integration the channel belongs to (`webchat` for the built-in chat), as `interfaces.<alias>.name` gives it. */
  readonly integration: string
  readonly tags: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

/** An untyped message's payload: its fields, of any type (Botpress's `client.Message`). */
// any: a message of any type may have any fields; a handler's generated types make each exact
export type AnyPayload = Record<string, any>

export interface Message<TType extends string = string, TPayload = AnyPayload> {
  readonly id: string
  readonly type: TType
  readonly payload: TPayload
  readonly direction: 'incoming' | 'outgoing'
  readonly userId: string
  readonly conversationId: string
  /** Mutable on purpose: a before-hook may tag a message in place, as well as by returning data. */
  tags: Tags
  readonly createdAt: string
}

export interface Event<TType extends string = string, TPayload = unknown> {
  readonly id: string
  readonly botId: string
  readonly type: TType
  readonly payload: TPayload
  readonly conversationId?: string
  readonly userId?: string
  readonly messageId?: string
  readonly createdAt: string
}

export interface StateRecord<TName extends string = string, TPayload = unknown> {
  readonly type: 'bot' | 'user' | 'conversation' | 'workflow'
  /** The bot's, user's, conversation's or workflow's id. */
  readonly id: string
  readonly name: TName
  readonly payload: TPayload
  /** 1 on the first write, one more on every write since: pass it as `ifVersion` to write only if nobody else did. */
  readonly version: number
  readonly createdAt: string
  readonly updatedAt: string
  readonly expiresAt?: string
}

export type WorkflowStatus = 'pending' | 'in_progress' | 'completed' | 'failed' | 'cancelled' | 'timed_out'

export interface WorkflowInstance<TName extends string = string, TInput = unknown, TOutput = unknown> {
  readonly id: string
  readonly name: TName
  readonly status: WorkflowStatus
  readonly input: TInput
  readonly output?: TOutput
  readonly error?: string
  readonly conversationId?: string
  readonly userId?: string
  /** When it times out: always set, {@link DEFAULT_WORKFLOW_TIMEOUT_MS} after it started when not given. */
  readonly timeoutAt: string
  /** Labels code finds runs by (`workflows.<name>.getOrCreateInstance({ tags })`); the runtime always gives them. */
  readonly tags?: Tags
  readonly createdAt: string
  readonly updatedAt: string
}

/** Columns every table row has beside its declared ones. */
export interface RowMeta {
  readonly id: number
  readonly createdAt: string
  readonly updatedAt: string
}

/** How long a workflow runs before it times out when it is started without `timeoutMs` or `timeoutAt`: a day. */
export const DEFAULT_WORKFLOW_TIMEOUT_MS = 24 * 60 * 60 * 1000
