import type { Queryable } from '../database/database.js'

// What goes with a deleted record, in one transaction each, so nothing is left half deleted. Jobs are
// matched by what their payload names: the conversation or user of a queued event, the owner of an
// expiring state, a workflow run, a conversation's inactivity timer (`conversationEnd:<id>`).

const STATE_JOBS = `kind = 'stateExpired' AND payload->'state'->>'type' = $2 AND payload->'state'->>'id' = $3`

/**
 * Deletes a conversation with its messages, events, states, workflow runs (and theirs), the jobs keyed on
 * any of them, and external apps' place in it; whether there was one.
 */
export function deleteConversation(db: Queryable, botId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const runs = (await tx.query<{ id: string }>('DELETE FROM parley_workflows WHERE bot_id = $1 AND conversation_id = $2 RETURNING id', [botId, id])).rows.map((run) => run.id)
    await deleteOwnedStates(tx, botId, 'workflow', runs)
    await tx.query(`DELETE FROM parley_jobs WHERE bot_id = $1 AND (payload->>'conversationId' = $2 OR key = 'conversationEnd:' || $2 OR payload->>'workflowId' = ANY($3::text[]))`, [botId, id, runs])
    await deleteOwnedStates(tx, botId, 'conversation', [id])
    await tx.query('DELETE FROM parley_events WHERE bot_id = $1 AND conversation_id = $2', [botId, id])
    await tx.query('DELETE FROM parley_app_cursors WHERE bot_id = $1 AND conversation_id = $2', [botId, id])
    // Messages go by their foreign key.
    return (await tx.query('DELETE FROM parley_conversations WHERE bot_id = $1 AND id = $2 RETURNING id', [botId, id])).rows.length > 0
  })
}

/**
 * Deletes a user with the messages they sent, their states and the jobs keyed on those; whether there
 * was one. Conversations they took part in stay, with the others' messages.
 */
export function deleteUser(db: Queryable, botId: string, id: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    await deleteOwnedStates(tx, botId, 'user', [id])
    return (await tx.query('DELETE FROM parley_users WHERE bot_id = $1 AND id = $2 RETURNING id', [botId, id])).rows.length > 0
  })
}

/** Deletes one message; whether there was one. */
export async function deleteMessage(db: Queryable, botId: string, id: string): Promise<boolean> {
  return (await db.query('DELETE FROM parley_messages WHERE bot_id = $1 AND id = $2 RETURNING id', [botId, id])).rows.length > 0
}

async function deleteOwnedStates(tx: Queryable, botId: string, type: string, owners: readonly string[]): Promise<void> {
  for (const owner of owners) await tx.query(`DELETE FROM parley_jobs WHERE bot_id = $1 AND ${STATE_JOBS}`, [botId, type, owner])
  await tx.query('DELETE FROM parley_states WHERE bot_id = $1 AND type = $2 AND id = ANY($3::text[])', [botId, type, owners])
}
