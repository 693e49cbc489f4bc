import type { Engine } from '../engine/engine.js'
import { notFound, PayloadError } from '../engine/errors.js'
import { toUser } from '../engine/records.js'
import { storesOf } from '../engine/turn.js'
import type { Caller } from '../engine/units.js'

// A conversation's participants, as Botpress's client names them: `id` is the conversation's.

interface ParticipantRequest {
  readonly id: string
  readonly userId: string
}

/** Adds an existing user to an existing conversation; adding one already there returns it again. */
export async function addParticipant(engine: Engine, caller: Caller, request: ParticipantRequest) {
  if (!(await participants(engine, caller).add(request.id, request.userId))) throw await missingRecord(engine, caller, request)
  return getParticipant(engine, caller, request)
}

export async function getParticipant(engine: Engine, caller: Caller, request: ParticipantRequest) {
  const user = await participants(engine, caller).get(request.id, request.userId)
  if (!user) throw notFound(`participant of conversation "${request.id}": user`, request.userId, engine.botId)
  return { participant: toUser(user) }
}

/** Removing a user that is not a participant changes nothing and is no error, as deleting twice is none. */
export async function removeParticipant(engine: Engine, caller: Caller, request: ParticipantRequest) {
  await participants(engine, caller).remove(request.id, request.userId)
  return {}
}

/** A page of participants in the order they joined; `meta.nextToken` asks for the next. */
export async function listParticipants(engine: Engine, caller: Caller, request: { readonly id: string; readonly nextToken?: string }) {
  const page = await participants(engine, caller).list(request.id, { offset: offsetOf(request.nextToken) })
  return { participants: page.items.map(toUser), meta: page.nextOffset === undefined ? {} : { nextToken: String(page.nextOffset) } }
}

/** Tokens are the offsets this module hands out; anything else is refused by name rather than read as 0. */
function offsetOf(nextToken: string | undefined): number {
  if (nextToken === undefined) return 0
  if (/^\d{1,9}$/.test(nextToken)) return Number(nextToken)
  throw new PayloadError('request', [{ path: 'nextToken', message: 'is not a token a previous page returned' }])
}

/** Which of the two records is missing, so the error names it. */
async function missingRecord(engine: Engine, caller: Caller, request: ParticipantRequest) {
  const stores = storesOf(engine.stores, caller.turn)
  if (!(await stores.conversations.get(request.id))) return notFound('conversation', request.id, engine.botId)
  return notFound('user', request.userId, engine.botId)
}

function participants(engine: Engine, caller: Caller) {
  return storesOf(engine.stores, caller.turn).participants
}
