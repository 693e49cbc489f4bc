import { newTurnId, type TraceError, type TraceRow, type TraceStep, type TraceSummary } from '../storage/index.js'

export type { TraceError, TraceStep }

/**
 * What one turn did, recorded as it runs and stored with it: plain objects pushed on an array, times from
 * `performance.now()` relative to the turn's start, ids instead of payloads. Turning it into JSON happens
 * once, with the other turns' traces of its batch.
 */
export type TraceKind = 'message' | 'event' | 'job' | 'action' | 'call'

export interface TraceLinks {
  conversationId?: string
  messageId?: string
  eventId?: string
  /** The workflow whose handlers the turn ran. */
  workflowId?: string
}

export interface TraceRecorder {
  readonly turnId: string
  readonly kind: TraceKind
  /** `performance.now()` when the turn began. */
  readonly t0: number
  readonly startedAt: number
  readonly steps: TraceStep[]
  readonly links: TraceLinks
  failed: boolean
  /** Steps past `TRACE_STEP_LIMIT`, counted only. */
  omitted: number
}

export function startTrace(kind: TraceKind, links: TraceLinks): TraceRecorder {
  const startedAt = Date.now()
  return { turnId: newTurnId(startedAt), kind, t0: performance.now(), startedAt, steps: [], links, failed: false, omitted: 0 }
}

/** Milliseconds since the turn began, to the microsecond: finer is noise, and every digit is stored. */
export function elapsed(trace: TraceRecorder, at = performance.now()): number {
  return since(trace.t0, at)
}

/** Milliseconds from `started` (a `performance.now()`) to `at`, to the microsecond. */
export function since(started: number, at = performance.now()): number {
  return Math.round((at - started) * 1000) / 1000
}

/**
 * A trace keeps a turn's first thousand steps and counts the rest: a handler may read a state in a loop a
 * million times, and every step kept is memory until the batch is written and bytes in a page after. Past
 * the bound, steps that failed are still kept, a hundred more at most: they are what a reader looks for.
 */
export const TRACE_STEP_LIMIT = 1_000
const FAILED_STEPS_PAST_LIMIT = 100

/** Adds a step to the trace, or counts it once the trace holds `TRACE_STEP_LIMIT`. */
export function recordStep(trace: TraceRecorder, step: TraceStep): void {
  const room = 'error' in step && step.error ? TRACE_STEP_LIMIT + FAILED_STEPS_PAST_LIMIT : TRACE_STEP_LIMIT
  if (trace.steps.length < room) trace.steps.push(step)
  else trace.omitted++
}

/**
 * What a trace keeps of an error is bounded: a thrown value's text is anyone's (a message built from user
 * input, a stack of a deep recursion), and every character of it is stored with the turn and shown.
 */
export const TRACE_ERROR_LIMITS = { message: 1_000, stack: 4_000 } as const

export function traceError(error: unknown): TraceError {
  if (!(error instanceof Error)) return { message: bounded(printable(error), TRACE_ERROR_LIMITS.message) }
  const message = bounded(printable(error.message), TRACE_ERROR_LIMITS.message)
  return error.stack ? { message, stack: bounded(printable(error.stack), TRACE_ERROR_LIMITS.stack) } : { message }
}

/** A thrown value as text; one whose own conversion throws is named, not rethrown from inside the trace. */
function printable(value: unknown): string {
  try {
    return String(value)
  } catch {
    return '(a value that cannot be shown as text)'
  }
}

/** The text cut to `max` characters, marked, and never between the two halves of a surrogate pair. */
function bounded(text: string, max: number): string {
  if (text.length <= max) return text
  const end = /[\uD800-\uDBFF]/.test(text[max - 1]!) ? max - 1 : max
  return `${text.slice(0, end)}… (${text.length - end} more characters)`
}

/**
 * The row the trace store writes. A step is pushed when it ends, so one nested in another (an action a handler
 * called) comes first; they are stored in the order they began. The row's steps are a copy, turned into text
 * with its batch: a step a late callback records after the turn ends does not change what the turn stored
 * (the steps themselves are new objects each, never changed once recorded).
 */
export function traceDocument(trace: TraceRecorder): TraceRow {
  const { turnId, kind, links, failed } = trace
  const steps = trace.steps.slice().sort((a, b) => a.startMs - b.startMs)
  if (trace.omitted > 0) steps.push({ kind: 'omitted', count: trace.omitted, startMs: elapsed(trace) })
  return [turnId, kind, links.conversationId ?? null, links.messageId ?? null, links.eventId ?? null, trace.startedAt, elapsed(trace), failed, steps, links.workflowId ?? null]
}

export function traceSummary(trace: TraceRecorder): TraceSummary {
  const { turnId, kind, links, failed } = trace
  return { turnId, kind, ...links, startedAt: new Date(trace.startedAt).toISOString(), durationMs: elapsed(trace), failed }
}
