import type { Trace, TraceStep } from './trace-types.js'

/**
 * A trace's columns in order: turn, kind, conversation, message, event, started at, duration (ms),
 * failed, steps, workflow. The start and the steps are kept as the runtime recorded them (milliseconds
 * since 1970, the steps as data) until their batch is written, in one JSON text with the other turns';
 * older pages and rows give the start as ISO text and the steps as JSON text. Making the ISO text as each
 * turn ended was a third of what handing its trace to the store cost in a profile.
 */
export type TraceRow = readonly [string, string, string | null, string | null, string | null, string | number, number, boolean, string | readonly TraceStep[], string | null]

/** The start of a row, in milliseconds; a time that is not one fails the batch it is in. */
export function startOf(row: TraceRow): number {
  const start = row[5]
  const at = typeof start === 'number' ? start : Date.parse(start)
  if (!Number.isFinite(at)) throw new RangeError(`A trace's start is not a time: ${JSON.stringify(String(start).slice(0, 40))}`)
  return at
}

/** A row as read: links present only where the turn had them, steps parsed. */
export function toTrace(row: TraceRow): Trace {
  const [turnId, kind, conversationId, messageId, eventId, startedAt, durationMs, failed, steps, workflowId] = row
  const links = { conversationId, messageId, eventId, workflowId }
  const present = Object.fromEntries(Object.entries(links).filter(([, value]) => value !== null))
  return { turnId, kind, ...present, startedAt: new Date(startedAt).toISOString(), durationMs: Number(durationMs), failed, steps: typeof steps === 'string' ? (JSON.parse(steps) as TraceStep[]) : steps }
}

/** Oldest first; turns of one millisecond by their ids, which are made in order. */
export function byStart(a: Trace, b: Trace): number {
  return a.startedAt < b.startedAt ? -1 : a.startedAt > b.startedAt ? 1 : a.turnId < b.turnId ? -1 : a.turnId > b.turnId ? 1 : 0
}
