import type { Engine } from '../engine/engine.js'
import { notFound } from '../engine/errors.js'
import type { Turn } from '../engine/turn.js'
import { storesOf } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'
import { runTurn } from '../dispatch/turns/run-turn.js'
import * as storage from '../storage/index.js'

// Deleting what a turn may still write about. Called in a turn, a deletion happens once the turn is
// stored, so the turn's own writes (a message it sent, a state it set) cannot outlive what they belong
// to or fail for its absence. A conversation is deleted in its own order: after the turns of it in
// flight, and before those that come after.

export async function deleteConversation(engine: Engine, caller: Caller, request: { readonly id: string }) {
  const { id } = request
  if (!(await storesOf(engine.stores, caller.turn).conversations.get(id))) throw notFound('conversation', id, engine.botId)
  const remove = async () => void (await storage.deleteConversation(engine.db, engine.botId, id))
  if (caller.turn?.open && caller.turn.conversationId === id) return void caller.turn.afterCommit(remove, { ordered: true })
  const inOrder = async () => void (await runTurn(engine, { conversationId: id, ctx: { conversationId: id } }, remove))
  await afterTurn(caller.turn, inOrder)
}

export async function deleteUser(engine: Engine, caller: Caller, request: { readonly id: string }) {
  if (!(await storesOf(engine.stores, caller.turn).users.get(request.id))) throw notFound('user', request.id, engine.botId)
  await afterTurn(caller.turn, async () => void (await storage.deleteUser(engine.db, engine.botId, request.id)))
}

export async function deleteMessage(engine: Engine, caller: Caller, request: { readonly id: string }) {
  if (!(await storesOf(engine.stores, caller.turn).messages.get(request.id))) throw notFound('message', request.id, engine.botId)
  await afterTurn(caller.turn, async () => void (await storage.deleteMessage(engine.db, engine.botId, request.id)))
}

/** Runs `work` now, or once `turn` is stored when the call comes from an open turn. */
async function afterTurn(turn: Turn | undefined, work: () => Promise<void>): Promise<void> {
  if (turn?.open) turn.afterCommit(work)
  else await work()
}
