import type { Database, Queryable } from '../database/database.js'

// The turns of one conversation run one at a time, in the order they took their tickets, across every
// process on the database (`parley_turn_locks`, see migration 7). A ticket is leased: its holder extends
// the lease while the turn runs, and a process that dies stops extending it, so the next ticket runs once
// the lease ends instead of waiting for ever. A waiting process is woken by the notification the holder
// sends when it gives its ticket back, and also, without one, when the lease ahead of it ends.

/** What `parley_turn_take` and `parley_turn_check` answer: tickets are `[number, leased until]`. */
export interface TicketState {
  readonly ticket: number
  /** The database's clock, in milliseconds, when it answered. */
  readonly now: number
  readonly ahead: readonly (readonly [number, number])[]
}

export interface TicketHolder {
  readonly db: Database
  readonly botId: string
  readonly conversationId: string
  readonly leaseMs: number
}

/** The channel holders notify on when a ticket is given back and others wait. */
const CHANNEL = 'parley_turns'

/** Longest a waiter goes without checking, in case a notification was lost with a broken connection. */
const CHECK_EVERY_MS = 2000

export async function takeTicket(holder: TicketHolder): Promise<TicketState> {
  return call(holder.db, 'SELECT parley_turn_take($1, $2, $3) AS r', [holder.botId, holder.conversationId, holder.leaseMs], 'parley_turn_take')
}

/** Extends the lease; undefined when it had ended already, so the ticket lost its place. */
export async function checkTicket(holder: TicketHolder, ticket: number): Promise<TicketState | undefined> {
  const state = await call<TicketState | null>(holder.db, 'SELECT parley_turn_check($1, $2, $3, $4) AS r', [holder.botId, holder.conversationId, ticket, holder.leaseMs], 'parley_turn_check')
  return state ?? undefined
}

export async function releaseTicket(db: Queryable, botId: string, conversationId: string, ticket: number): Promise<void> {
  await db.query('SELECT parley_turn_release($1, $2, $3)', [botId, conversationId, ticket], { name: 'parley_turn_release' })
}

/**
 * Waits until `state`'s ticket is the first leased one. It listens before checking again (which also
 * extends its lease), so a ticket given back meanwhile is not missed; it takes a new ticket, at the back,
 * if its lease ran out while it waited.
 */
export async function waitForTurn(holder: TicketHolder, state: TicketState): Promise<TicketState> {
  let wake = () => {}
  const stop = await holder.db.listen?.(CHANNEL, (payload) => {
    if (isFor(payload, holder)) wake()
  })
  try {
    let current = state
    for (;;) {
      const woken = new Promise<void>((resolve) => {
        wake = resolve
      })
      current = (await checkTicket(holder, current.ticket)) ?? (await takeTicket(holder))
      if (current.ahead.length === 0) return current
      await untilWoken(woken, current)
    }
  } finally {
    await stop?.()
  }
}

/** The payload names the bot and the conversation, as a JSON array. */
export function isFor(payload: string, holder: Pick<TicketHolder, 'botId' | 'conversationId'>): boolean {
  try {
    const [botId, conversationId] = JSON.parse(payload) as unknown[]
    return botId === holder.botId && conversationId === holder.conversationId
  } catch {
    return false
  }
}

/** A notification, the end of the first lease ahead, or a while without news: whichever comes first. */
async function untilWoken(woken: Promise<void>, state: TicketState): Promise<void> {
  const leaseEnds = Math.min(...state.ahead.map(([, until]) => until)) - state.now
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<void>((resolve) => {
    timer = setTimeout(resolve, Math.max(0, Math.min(leaseEnds + 5, CHECK_EVERY_MS)))
  })
  await Promise.race([woken, timeout])
  clearTimeout(timer)
}

async function call<T>(db: Queryable, sql: string, params: readonly unknown[], name: string): Promise<T> {
  const { rows } = await db.query<{ r: T }>(sql, params, { name })
  return rows[0]!.r
}
