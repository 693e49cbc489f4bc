// The records the runtime answers with (its OpenAPI document names them), and the Studio's own shapes.

export type Json = Record<string, unknown>

export interface Bot { id: string; title?: string; description?: string }
export interface Conversation { id: string; channel: string; tags: Record<string, string>; createdAt: string; updatedAt: string; lastMessageAt?: string }
export interface User { id: string; name?: string; tags: Record<string, string> }
export interface Message { id: string; type: string; payload: Json; direction: 'incoming' | 'outgoing'; userId: string; conversationId: string; tags: Record<string, string>; createdAt: string }
export interface ParleyEvent { id: string; type: string; payload: Json; conversationId?: string; userId?: string; messageId?: string; createdAt: string }
export type StateType = 'bot' | 'user' | 'conversation' | 'workflow'
export interface State { type: StateType; id: string; name: string; version: number; payload: Json; expiresAt?: string; createdAt: string; updatedAt: string }
export interface Workflow { id: string; name: string; status: string; input: Json; output?: Json; error?: string; conversationId?: string; userId?: string; timeoutAt?: string; createdAt: string; updatedAt: string }
export interface Row { id: number; createdAt: string; updatedAt: string; [column: string]: unknown }

/** A JSON Schema as the runtime exposes it, zui metadata under `x-zui`. */
export interface JsonSchema {
  type?: string | string[]
  title?: string
  description?: string
  enum?: unknown[]
  properties?: Record<string, JsonSchema>
  required?: string[]
  items?: JsonSchema
  default?: unknown
  'x-zui'?: { title?: string; placeholder?: string; hidden?: boolean; disabled?: boolean; displayAs?: unknown }
}

export interface PackageInfo { alias: string; name: string; version: string; configuration: Json }
/** A page a plugin adds to the dashboard, as it registered it. */
export interface PluginPage { pluginId: string; path: string; title: string; icon?: string; group?: string; component?: string; url: string }
export interface Overview {
  plugins: PackageInfo[]
  integrations: PackageInfo[]
  states: { name: string; type: StateType; expiryMs?: number; schema: JsonSchema }[]
  tables: { name: string; schema: JsonSchema }[]
  events: { name: string; schema: JsonSchema }[]
  actions: { name: string; input: JsonSchema; output: JsonSchema }[]
  workflows: { name: string; input: JsonSchema; output: JsonSchema }[]
}

export interface MetricBucket { at: string; turns: number; failures: number; p50Ms: number; p99Ms: number }

export interface TraceSummary { turnId: string; kind: 'message' | 'event' | 'job' | 'action' | 'call'; conversationId?: string; messageId?: string; eventId?: string; startedAt: string; durationMs: number; failed: boolean }
export interface StepError { message: string; stack?: string }
export type Step =
  | { kind: 'hook'; hook: string; owner: string; name: string; startMs: number; durationMs: number; result: 'ok' | 'changed' | 'stopped' | 'error'; error?: StepError }
  | { kind: 'handler'; handler: string; owner: string; name: string; startMs: number; durationMs: number; result: 'ok' | 'error'; error?: StepError }
  | { kind: 'action'; owner: string; name: string; startMs: number; durationMs: number; result: 'ok' | 'error'; error?: StepError }
  | { kind: 'event'; name: string; eventId: string; startMs: number }
  | { kind: 'stateRead' | 'stateWrite'; stateType: string; id: string; name: string; startMs: number }
  | { kind: 'message'; messageId: string; type: string; startMs: number }
  | { kind: 'omitted'; count: number; startMs: number }
export interface Trace extends TraceSummary { steps: Step[] }

export interface Job { id: number; kind: string; key?: string; payload: Json; runAt: string; attempts: number; lastError?: string; failedAt?: string }
export type JobStatus = 'scheduled' | 'recurring' | 'failed'

export interface TimelineEntry { at: string; kind: string; summary: string; turnId?: string; eventId?: string }

export type Level = 'debug' | 'info' | 'warn' | 'error'
export interface LogLine { seq: number; createdAt: string; level: Level; source: string; message: string; data?: Json; conversationId?: string; userId?: string; messageId?: string; eventId?: string; turnId?: string }
