import { toConversation, type Conversation, type ConversationRow } from '../conversations/conversations.js'
import type { Database } from '../database/database.js'
import { defined } from '../sql/records.js'
import { toStateRecord, type StateRecord, type StateRow } from '../states/state-rows.js'
import { toUser, type User, type UserRow } from '../users/users.js'
import { waitForTurn, type TicketHolder, type TicketState } from './conversation-lock.js'
import { participantKey, stateKeyOf } from './pending.js'

/** States up to this many bytes (as stored) are loaded with the turn; larger ones when first read. */
export const PREFETCH_BYTES = 8192

export interface TurnStartOptions {
  readonly conversationId: string
  readonly userId?: string
  /** Take the conversation's ticket, leased this long; without it, no ticket (one process, ordered in memory). */
  readonly leaseMs?: number
}

/** What a turn starts from: its ticket if it took one, and what it reads first. */
export interface TurnStart {
  readonly ticket?: number
  readonly conversation?: Conversation
  readonly user?: User
  /** The live states of the conversation and the user, except large ones (in `notLoaded`). */
  readonly states: readonly StateRecord[]
  readonly notLoaded: ReadonlySet<string>
  /** `type\0id` of the owners whose states are all in `states` or `notLoaded`. */
  readonly loadedOwners: ReadonlySet<string>
  /** `conversation\0user` of the turn's user when already a participant of its conversation (`participantKey`). */
  readonly participants: ReadonlySet<string>
}

interface Loaded {
  readonly conversation: ConversationRow | null
  readonly user: UserRow | null
  readonly participant: boolean
  readonly states: readonly (Omit<StateRow, 'payload'> & { payload: StateRow['payload'] | null })[]
}

/**
 * The first statement of a turn: takes the conversation's ticket (when asked) and, when no other turn is
 * ahead, loads the conversation, the user and their states with it. A turn that must wait loads them once
 * it is its turn, so it reads what the turns before it wrote.
 */
export async function beginTurn(db: Database, botId: string, options: TurnStartOptions): Promise<TurnStart> {
  const { conversationId, userId = null, leaseMs = null } = options
  if (leaseMs === null) return started(undefined, await load(db, botId, options), options)
  const { rows } = await db.query<{ r: { ticket: TicketState | null; records?: Loaded } }>(
    'SELECT parley_turn_begin($1, $2, $3, $4, $5) AS r', [botId, conversationId, userId, leaseMs, PREFETCH_BYTES], { name: 'parley_turn_begin' },
  )
  const { ticket, records } = rows[0]!.r
  if (records) return started(ticket?.ticket, records, options)
  const holder: TicketHolder = { db, botId, conversationId, leaseMs: leaseMs! }
  const turn = await waitForTurn(holder, ticket!)
  return started(turn.ticket, await load(db, botId, options), options)
}

async function load(db: Database, botId: string, options: TurnStartOptions): Promise<Loaded> {
  const { rows } = await db.query<{ r: Loaded }>('SELECT parley_turn_load($1, $2, $3, $4) AS r', [botId, options.conversationId, options.userId ?? null, PREFETCH_BYTES], { name: 'parley_turn_load' })
  return rows[0]!.r
}

function started(ticket: number | undefined, loaded: Loaded, options: TurnStartOptions): TurnStart {
  const states = loaded.states.filter((state) => state.payload !== null).map((state) => toStateRecord(state as StateRow))
  const notLoaded = new Set(loaded.states.filter((state) => state.payload === null).map(stateKeyOf))
  const owners = [`conversation\u0000${options.conversationId}`, ...(options.userId === undefined ? [] : [`user\u0000${options.userId}`])]
  return {
    ...defined({ ticket, conversation: loaded.conversation ? toConversation(loaded.conversation) : undefined, user: loaded.user ? toUser(loaded.user) : undefined }),
    states, notLoaded, loadedOwners: new Set(owners),
    participants: new Set(loaded.participant && options.userId !== undefined ? [participantKey(options.conversationId, options.userId)] : []),
  }
}
