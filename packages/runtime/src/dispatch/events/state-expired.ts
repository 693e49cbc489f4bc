import type { Context } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { toState } from '../../engine/records.js'
import type { CodeUnit } from '../../engine/units.js'
import type * as storage from '../../storage/index.js'
import { runHandlers } from '../handlers/run-handlers.js'
import { runTurn } from '../turns/run-turn.js'

/**
 * Runs `stateExpired` handlers, as one turn, for a state the sweep removed. A plugin hears only of its own
 * states, as it may read no others; the bot hears of all.
 */
export async function expireState(engine: Engine, state: storage.StateRecord, jobId?: number): Promise<void> {
  const owner = engine.definition.states[state.name]?.origin
  const units = engine.code.filter((unit) => unit.kind === 'bot' || (owner?.kind === 'plugin' && owner.alias === unit.alias))
  const ctx = contextOf(engine, state)
  await runTurn(engine, { ctx, kind: 'job' }, async (turn) => {
    await runHandlers(engine, { kind: 'stateExpired', name: state.name, ctx, turn, units, props: (unit: CodeUnit) => ({ state: toState(state, unit.scope.local('state', state.name)) }) })
    if (jobId !== undefined) turn.completeJob(jobId)
  })
}

function contextOf(engine: Engine, state: storage.StateRecord): Context {
  const on = (type: string) => (state.type === type ? state.id : '')
  return { botId: engine.botId, alias: '', conversationId: on('conversation'), userId: on('user'), messageId: '', eventId: '' }
}
