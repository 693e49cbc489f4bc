import type { Schema } from '../schema/zod.js'
import type {
  ScheduleDefinition, StateDefinition, TableDefinition, TagDefinition, WorkflowDefinition,
} from '../definitions/entities.js'
import type { Origin } from './instances.js'

/** Every composed entity says where it came from and what its owner calls it. */
export interface Owned {
  readonly origin: Origin
  /** The name inside its owner: `trackEvent` for the bot's `analytics:trackEvent`. */
  readonly localName: string
}

export type ComposedState = StateDefinition & Owned
export interface ComposedEvent extends Owned {
  readonly title?: string
  readonly description?: string
  readonly schema: Schema
}
export interface ComposedAction extends Owned {
  readonly title?: string
  readonly description?: string
  readonly input: { readonly schema: Schema }
  readonly output: { readonly schema: Schema }
}
export interface ComposedChannel extends Owned {
  readonly title?: string
  readonly messages: Readonly<Record<string, { readonly schema: Schema }>>
}
export interface ComposedRecurringEvent extends Owned {
  /** The full event type, prefixed like the event it emits. */
  readonly type: string
  readonly payload: Readonly<Record<string, unknown>>
  readonly schedule: ScheduleDefinition
}
/** Flat entities may come from several sources that agree; `origins` lists them all. */
export interface Shared {
  readonly origins: readonly Origin[]
}
export type ComposedTable = TableDefinition & Shared
export type ComposedWorkflow = WorkflowDefinition & Shared
export type ComposedTag = TagDefinition & Shared

/** A bot's entities once its plugins and integrations are merged in. */
export interface ComposedEntities {
  readonly states: Readonly<Record<string, ComposedState>>
  readonly events: Readonly<Record<string, ComposedEvent>>
  readonly actions: Readonly<Record<string, ComposedAction>>
  readonly channels: Readonly<Record<string, ComposedChannel>>
  readonly recurringEvents: Readonly<Record<string, ComposedRecurringEvent>>
  readonly tables: Readonly<Record<string, ComposedTable>>
  readonly workflows: Readonly<Record<string, ComposedWorkflow>>
  readonly user: { readonly tags: Readonly<Record<string, ComposedTag>> }
  readonly conversation: { readonly tags: Readonly<Record<string, ComposedTag>> }
  readonly message: { readonly tags: Readonly<Record<string, ComposedTag>> }
}
