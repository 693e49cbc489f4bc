import type { ObjectSchema, Schema } from '../schema/zod.js'
import type { SchemaSource } from '../schema/schema-source.js'

// The `TContext` parameters below type what schema functions receive. They default to `never`, the
// widest choice for a function parameter, so definitions of any interfaces can be stored together.

/** Who a state belongs to, and so what its `id` names. */
export type StateType = 'bot' | 'user' | 'conversation' | 'workflow'

/** What identifies and presents a package: plugins, integrations and interfaces all carry it. */
export interface PackageMeta {
  readonly name: string
  readonly version: string
  readonly title?: string
  readonly description?: string
  readonly icon?: string
  readonly readme?: string
  /** Free-form labels a hub or dashboard reads. */
  readonly attributes?: Readonly<Record<string, string>>
  /** Botpress's switches for its own schema converter: accepted so its definitions load, and without effect (Parley has one converter). */
  readonly __advanced?: { readonly useLegacyZuiTransformer?: boolean }
}

export interface Described {
  readonly title?: string
  readonly description?: string
}

/** Configuration a bot builder gives a package when adding it; validated, with defaults applied. */
export interface ConfigurationDefinition<TSchema extends ObjectSchema = ObjectSchema> extends Described {
  readonly schema: TSchema
}

/**
 * A typed piece of persisted data. `expiry` is in milliseconds: after it passes without a write, the
 * state is deleted and `stateExpired` handlers run.
 */
export interface StateDefinition<TSchema extends ObjectSchema = ObjectSchema> extends Described {
  readonly type: StateType
  readonly schema: TSchema
  readonly expiry?: number
}

export interface EventDefinition<TContext = never> extends Described {
  readonly schema: SchemaSource<Schema, TContext>
}

export interface ActionDefinition<TContext = never> extends Described {
  readonly input: { readonly schema: SchemaSource<Schema, TContext> }
  readonly output: { readonly schema: SchemaSource<Schema, TContext> }
  /** Botpress's billing and caching hints; kept for the dashboard, not acted on. */
  readonly billable?: boolean
  readonly cacheable?: boolean
}

/** A table of rows; each name in `indexes` must be a column and becomes a real database index. */
export interface TableDefinition<TSchema extends ObjectSchema = ObjectSchema> extends Described {
  readonly schema: TSchema
  readonly indexes?: readonly string[]
}

export interface TagDefinition extends Described {}

export interface TagsDefinition {
  readonly tags?: Readonly<Record<string, TagDefinition>>
}

export interface WorkflowDefinition extends Described {
  readonly input: { readonly schema: ObjectSchema }
  readonly output: { readonly schema: ObjectSchema }
  readonly tags?: Readonly<Record<string, TagDefinition>>
}

/**
 * When a recurring event fires: a five- or six-field cron expression, or a shorthand interval
 * (`30s`, `5m`, `1h`, `1d`), in `timezone` (IANA name, UTC by default).
 */
export interface ScheduleDefinition {
  readonly cron: string
  readonly timezone?: string
}

/** An event of a declared type emitted on a schedule. */
export interface RecurringEventDefinition {
  readonly type: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly schedule: ScheduleDefinition
}

/** Message types a channel carries, and the tags of its conversations and messages. */
export interface ChannelDefinition<TContext = never> extends Described {
  readonly messages: Readonly<Record<string, { readonly schema: SchemaSource<Schema, TContext> }>>
  readonly conversation?: TagsDefinition
  readonly message?: TagsDefinition
}

export interface EntityDefinition<TSchema extends Schema = Schema> extends Described {
  readonly schema: TSchema
}

export interface SecretDefinition {
  readonly description?: string
  readonly optional?: boolean
}

/** Maps of named entities, as every definition spells them. */
export type Named<T> = Readonly<Record<string, T>>
