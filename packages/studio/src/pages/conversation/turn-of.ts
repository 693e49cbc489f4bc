import type { Trace } from '../../api/types.js'

/** The turn a message started (incoming) or was sent in (outgoing). */
export function turnOf(traces: readonly Trace[], messageId: string): Trace | undefined {
  return traces.find((t) => t.messageId === messageId || t.steps.some((s) => s.kind === 'message' && s.messageId === messageId))
}
