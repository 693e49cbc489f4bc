import type { Engine } from '../../engine/engine.js'
import { StorageError } from '../../storage/errors/index.js'
import { STATE_EXPIRED_JOB, WORKFLOW_TIMEOUT_JOB } from '../../jobs/job-kinds.js'

/**
 * Turns what became due in the data into jobs: expired states are taken (deleted) and running workflows
 * past their timeout marked `timed_out`, each in the transaction that adds its handler job, so a crash
 * loses neither the change nor its handlers, and two processes never take the same one.
 */
export async function sweep(engine: Engine, now: Date): Promise<void> {
  await engine.transaction(async ({ stores, db }) => {
    for (const state of await stores.states.takeExpired(now)) {
      await engine.jobs.enqueue(db, { kind: STATE_EXPIRED_JOB, payload: { state }, runAt: now })
    }
  })
  for (const workflow of await engine.stores.workflows.listTimedOut(now)) await timeOut(engine, workflow.id, now)
}

async function timeOut(engine: Engine, workflowId: string, now: Date): Promise<void> {
  try {
    await engine.transaction(async ({ stores, db }) => {
      await stores.workflows.update(workflowId, { status: 'timed_out', error: 'the workflow timed out' })
      await engine.jobs.enqueue(db, { kind: WORKFLOW_TIMEOUT_JOB, payload: { workflowId }, runAt: now })
    })
  } catch (error) {
    // Finished in the meantime, here or by another process: it did not time out.
    if (!(error instanceof StorageError && error.code === 'WORKFLOW_FINISHED')) throw error
  }
}
