import type { Engine } from '../engine/engine.js'
import { notFound } from '../engine/errors.js'
import { storesOf } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'
import { runTurn } from '../dispatch/turns/run-turn.js'
import { DELETE_RECORD_JOB } from '../jobs/job-kinds.js'
import * as storage from '../storage/index.js'

// Deleting what a turn may still write about. Asked in a turn, a deletion is a job stored with the turn:
// it happens once the turn is stored (so the turn's own writes, a message it sent or a state it set,
// neither outlive what they belong to nor fail for its absence), and not at all if the handler that
// asked fails. A conversation is deleted in its own order: after its turns in flight, before later ones.

export type DeletedRecord = 'conversation' | 'user' | 'message'

export async function deleteConversation(engine: Engine, caller: Caller, request: { readonly id: string }) {
  if (!(await storesOf(engine.stores, caller.turn).conversations.get(request.id))) throw notFound('conversation', request.id, engine.botId)
  await deleteWithTurn(engine, caller, 'conversation', request.id)
}

export async function deleteUser(engine: Engine, caller: Caller, request: { readonly id: string }) {
  if (!(await storesOf(engine.stores, caller.turn).users.get(request.id))) throw notFound('user', request.id, engine.botId)
  await deleteWithTurn(engine, caller, 'user', request.id)
}

export async function deleteMessage(engine: Engine, caller: Caller, request: { readonly id: string }) {
  if (!(await storesOf(engine.stores, caller.turn).messages.get(request.id))) throw notFound('message', request.id, engine.botId)
  await deleteWithTurn(engine, caller, 'message', request.id)
}

async function deleteWithTurn(engine: Engine, caller: Caller, record: DeletedRecord, id: string): Promise<void> {
  if (caller.turn?.open) caller.turn.addJob({ kind: DELETE_RECORD_JOB, payload: { record, id }, runAt: engine.clock.now().toISOString() })
  else await deleteRecord(engine, record, id)
}

/** Deletes the record now (a conversation once its turns in flight are stored); nothing when it is gone already. */
export async function deleteRecord(engine: Engine, record: DeletedRecord, id: string): Promise<void> {
  const { db, botId } = engine
  if (record === 'user') await storage.deleteUser(db, botId, id)
  else if (record === 'message') await storage.deleteMessage(db, botId, id)
  else await runTurn(engine, { conversationId: id, ctx: { conversationId: id } }, () => storage.deleteConversation(db, botId, id))
}
