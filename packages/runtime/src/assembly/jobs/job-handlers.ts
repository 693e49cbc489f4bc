import type { Engine } from '../../engine/engine.js'
import { deliverEvent } from '../../dispatch/events/deliver-event.js'
import { expireState } from '../../dispatch/events/state-expired.js'
import { continueWorkflow, startWorkflowRun, timeOutWorkflow } from '../../dispatch/workflows/workflow-handlers.js'
import type * as storage from '../../storage/index.js'
import {
  EVENT_JOB, RECURRING_EVENT_JOB, STATE_EXPIRED_JOB, WORKFLOW_CONTINUE_JOB, WORKFLOW_START_JOB, WORKFLOW_TIMEOUT_JOB,
} from '../../jobs/job-kinds.js'
import { outsideCalls } from '../../dispatch/actions/call-chain.js'
import { runRecurringEvent } from './recurring.js'
import type { JobHandler } from '../../jobs/worker.js'

const text = (value: unknown): string => String(value)

/** What each kind of job does when it is due; each starts afresh, outside any action in progress. */
export function jobHandlers(engine: Engine): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [EVENT_JOB]: async (job) => deliverEvent(engine, text(job.payload['eventId']), job.payload['workflowId'] === undefined ? undefined : text(job.payload['workflowId'])),
    [RECURRING_EVENT_JOB]: (job) => runRecurringEvent(engine, job),
    [STATE_EXPIRED_JOB]: async (job) => expireState(engine, job.payload['state'] as storage.StateRecord),
    [WORKFLOW_START_JOB]: async (job) => startWorkflowRun(engine, text(job.payload['workflowId'])),
    [WORKFLOW_CONTINUE_JOB]: async (job) => continueWorkflow(engine, text(job.payload['workflowId'])),
    [WORKFLOW_TIMEOUT_JOB]: async (job) => timeOutWorkflow(engine, text(job.payload['workflowId'])),
  }
  return Object.fromEntries(Object.entries(handlers).map(([kind, handler]) => [kind, (job) => outsideCalls(() => handler(job))]))
}
