export interface TraceError {
  readonly message: string
  readonly stack?: string
}

interface Timed {
  readonly owner: string
  readonly name: string
  readonly startMs: number
  readonly durationMs: number
  readonly error?: TraceError
}

export type TraceStep =
  | (Timed & { readonly kind: 'hook'; readonly hook: string; readonly result: 'ok' | 'changed' | 'stopped' | 'error' })
  | (Timed & { readonly kind: 'handler'; readonly handler: string; readonly result: 'ok' | 'error' })
  | (Timed & { readonly kind: 'action'; readonly result: 'ok' | 'error' })
  | { readonly kind: 'event'; readonly name: string; readonly eventId: string; readonly startMs: number }
  | { readonly kind: 'stateRead' | 'stateWrite'; readonly stateType: string; readonly id: string; readonly name: string; readonly startMs: number }
  | { readonly kind: 'message'; readonly messageId: string; readonly type: string; readonly startMs: number }
  /** The steps past a trace's bound (`TRACE_STEP_LIMIT`), counted, not kept: the last step of such a trace. */
  | { readonly kind: 'omitted'; readonly count: number; readonly startMs: number }

/** A stored turn: what it handled, when, for how long, and its steps (as the runtime recorded them). */
export interface TraceSummary {
  readonly turnId: string
  readonly kind: string
  readonly conversationId?: string
  readonly messageId?: string
  readonly eventId?: string
  /** The workflow whose handlers the turn ran. */
  readonly workflowId?: string
  readonly startedAt: string
  readonly durationMs: number
  readonly failed: boolean
}

export interface Trace extends TraceSummary {
  readonly steps: readonly TraceStep[]
}

/** Turns per minute, failed turns, and turn latency percentiles. */
export interface MetricsBucket {
  readonly at: string
  readonly turns: number
  readonly failures: number
  readonly p50Ms: number
  readonly p99Ms: number
}
