import type { BotStorage, TurnJob } from '../storage/index.js'
import type { TraceRecorder } from './trace.js'

/**
 * One unit of work: the handling of a message, an event or a job, or a call from outside the bot. Its
 * writes wait in it and are stored together, by one statement, when it ends; its reads see them. A turn
 * that fails, or a process that dies during one, stores nothing.
 */
export interface Turn {
  readonly stores: BotStorage
  /** The conversation whose turns run one at a time with this one, if it is one of them. */
  readonly conversationId: string | undefined
  /** False once the turn ended: what still reaches it then (work nobody awaited) is written at once. */
  readonly open: boolean
  /** What the turn did, stored with it; absent when traces are off. */
  readonly trace: TraceRecorder | undefined
  addJob(job: TurnJob): void
  /** Whether this turn started the workflow run `id` (it is stored with the turn). */
  startedWorkflow(id: string): boolean
  completeJob(id: number): void
  /** Runs `work`; if it throws, what it wrote is undone (the rest of the turn stays) and the error goes on. */
  savepoint<T>(work: () => T | Promise<T>): Promise<T>
  /**
   * Runs `effect` once the turn is stored, effects in the order given, never if it is not stored. With
   * `ordered`, the conversation's next turn waits for it (a delivery to a channel, which must keep the
   * conversation's order); otherwise only the next turn in this process does.
   */
  afterCommit(effect: () => Promise<void> | void, options?: { readonly ordered?: boolean }): void
}

/** Where code reads and writes: its turn while the turn is open, else the database directly. */
export function storesOf(direct: BotStorage, turn: Turn | undefined): BotStorage {
  return turn?.open ? turn.stores : direct
}
