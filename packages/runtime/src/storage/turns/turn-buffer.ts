import type { BotStorage } from '../bot-storage.js'
import type { Queryable } from '../database/database.js'
import type { Message } from '../messages/messages.js'
import { DEFAULT_STATE_SIZE_LIMIT } from '../states/state-size.js'
import type { TurnStart } from './begin.js'
import { commitPending, type CommitOptions, type CommitResult } from './commit.js'
import { copyPending, emptyPending, isEmpty, type Pending, type TurnJob } from './pending.js'
import { conversationOverlay, eventOverlay, messageOverlay, userOverlay, workflowOverlay } from './record-overlays.js'
import { participantOverlay } from './participant-overlay.js'
import { preloadStates, stateOverlay } from './state-overlay.js'

export interface TurnBufferOptions {
  readonly db: Queryable
  readonly botId: string
  /** The bot's stores on the database, which the turn reads from. */
  readonly stored: BotStorage
  /** Largest state payload accepted, in bytes of JSON; 128 KiB by default. */
  readonly stateSizeLimit?: number
  /** What the turn began with (`beginTurn`), so it is not read again. */
  readonly start?: TurnStart
}

/**
 * The writes of one turn, held until it ends and then stored by one statement. Reads see the turn's own
 * writes. Table rows are the exception: they are written at once, as tables are shared data a turn
 * queries with filters it could not answer from what it holds.
 */
export interface TurnBuffer {
  readonly stores: BotStorage
  /** A job stored with the turn: due only once the turn is. */
  addJob(job: TurnJob): void
  /** Whether the turn created the workflow run `id`. */
  createdWorkflow(id: string): boolean
  /** Deletes a job (the one running this turn) with the turn's writes. */
  completeJob(id: number): void
  /** Runs `work`; if it throws, everything it wrote is undone before the error goes on. */
  savepoint<T>(work: () => T | Promise<T>): Promise<T>
  /** The messages the turn created, in order, as they are or will be stored. */
  messages(): Message[]
  /** Whether the turn adds jobs (a worker should look for due jobs once it is stored). */
  addsJobs(): boolean
  isEmpty(): boolean
  /** Stores everything in one statement; `release` gives the conversation's ticket back with it. */
  commit(release?: CommitOptions['release']): Promise<CommitResult>
}

export function createTurnBuffer(options: TurnBufferOptions): TurnBuffer {
  const { botId, stored, start } = options
  const limit = options.stateSizeLimit ?? DEFAULT_STATE_SIZE_LIMIT
  let pending: Pending = emptyPending()
  // A savepoint copies what the turn holds only when something is first written under it: most hooks and
  // handlers write nothing, or only read (which fills caches a rollback may drop).
  const savepoints: { saved?: Pending }[] = []
  const get = () => pending
  const writable = () => {
    let copy: Pending | undefined
    for (const savepoint of savepoints) if (savepoint.saved === undefined) savepoint.saved = copy ??= copyPending(pending)
    return pending
  }
  const access = { pending: get, writable }
  preloadStates(pending, start?.states ?? [])
  const users = new Map(start?.user ? [[start.user.id, start.user]] : [])
  const conversations = new Map(start?.conversation ? [[start.conversation.id, start.conversation]] : [])
  const participants = new Set(start?.participants ?? [])
  const stores: BotStorage = {
    users: userOverlay(botId, stored.users, access, users),
    conversations: conversationOverlay(botId, stored.conversations, access, conversations),
    messages: messageOverlay(botId, stored.messages, access),
    events: eventOverlay(botId, stored.events, access),
    states: stateOverlay({ botId, limit, stored: stored.states, pending: get, writable, loadedOwners: start?.loadedOwners ?? new Set(), notLoaded: start?.notLoaded ?? new Set() }),
    tables: stored.tables,
    workflows: workflowOverlay(botId, stored.workflows, access),
    participants: participantOverlay(stored.participants, get, participants),
  }
  return {
    stores,
    addJob: (job) => void writable().jobs.push(job),
    completeJob: (id) => void writable().jobsDone.push(id),
    createdWorkflow: (id) => pending.workflows.has(id),
    savepoint: async (work) => {
      const savepoint: { saved?: Pending } = {}
      savepoints.push(savepoint)
      try {
        return await work()
      } catch (error) {
        // A copy of the copy: another savepoint may hold the same one, and must keep it as it was.
        if (savepoint.saved) pending = copyPending(savepoint.saved)
        throw error
      } finally {
        savepoints.splice(savepoints.indexOf(savepoint), 1)
      }
    },
    messages: () => [...pending.messages.values()],
    addsJobs: () => pending.jobs.length > 0,
    isEmpty: () => isEmpty(pending),
    commit: (release) => commitPending(pending, { db: options.db, botId, limit, stored: stored.states, participants, ...(release ? { release } : {}) }),
  }
}
