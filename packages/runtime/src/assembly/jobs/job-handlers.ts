import type { Engine } from '../../engine/engine.js'
import { deliverEvent, type EventDelivery } from '../../dispatch/events/deliver-event.js'
import { defined } from '../../engine/records.js'
import { expireState } from '../../dispatch/events/state-expired.js'
import { continueWorkflow, startWorkflowRun, timeOutWorkflow } from '../../dispatch/workflows/workflow-handlers.js'
import type * as storage from '../../storage/index.js'
import {
  APP_DELIVERY_JOB, APP_TICK_JOB, CONVERSATION_END_JOB, DELETE_RECORD_JOB, EVENT_JOB, RECURRING_EVENT_JOB, STATE_EXPIRED_JOB, TRACE_EXPIRY_JOB, WEBHOOK_DELIVERY_EXPIRY_JOB, WORKFLOW_CONTINUE_JOB, WORKFLOW_START_JOB, WORKFLOW_TIMEOUT_JOB,
} from '../../jobs/job-kinds.js'
import { outsideCalls } from '../../dispatch/actions/call-chain.js'
import { runRecurringEvent } from './recurring.js'
import type { AppDeliveries } from '../../dispatch/apps/deliver.js'
import { runAppTick } from '../../dispatch/apps/tick.js'
import { deleteRecord, type DeletedRecord } from '../../operations/deletions.js'
import { endQuietConversation } from '../../operations/conversation-inactivity.js'
import { expireTraces } from './trace-expiry.js'
import { expireDeliveries } from './webhook-delivery-expiry.js'
import type { JobHandler, JobOutcome } from '../../jobs/worker.js'
import type { Job } from '../../jobs/job-queue.js'

const text = (value: unknown): string => String(value)
const optional = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value))

/** The job runs as a turn, which deletes it with its writes. */
async function completedBy(turn: Promise<void>): Promise<JobOutcome> {
  await turn
  return { completed: true }
}

/** Older event jobs carry only the event's id; newer ones its conversation and user too, to run in their order. */
function eventDelivery(payload: Readonly<Record<string, unknown>>): EventDelivery {
  return defined({ eventId: text(payload['eventId']), conversationId: optional(payload['conversationId']), userId: optional(payload['userId']), workflowId: optional(payload['workflowId']) }) as EventDelivery
}

/** What each kind of job does when it is due; each starts afresh, outside any action in progress. */
export function jobHandlers(engine: Engine, deliveries: AppDeliveries): Record<string, JobHandler> {
  const handlers: Record<string, JobHandler> = {
    [EVENT_JOB]: (job) => completedBy(deliverEvent(engine, { ...eventDelivery(job.payload), jobId: job.id })),
    [RECURRING_EVENT_JOB]: (job) => runRecurringEvent(engine, job),
    [STATE_EXPIRED_JOB]: (job) => completedBy(expireState(engine, job.payload['state'] as storage.StateRecord, job.id)),
    [WORKFLOW_START_JOB]: (job) => completedBy(startWorkflowRun(engine, text(job.payload['workflowId']), job.id)),
    [WORKFLOW_CONTINUE_JOB]: (job) => completedBy(continueWorkflow(engine, text(job.payload['workflowId']), job.id)),
    [TRACE_EXPIRY_JOB]: () => expireTraces(engine),
    [WEBHOOK_DELIVERY_EXPIRY_JOB]: () => expireDeliveries(engine),
    [WORKFLOW_TIMEOUT_JOB]: (job) => completedBy(timeOutWorkflow(engine, text(job.payload['workflowId']), job.id)),
    [APP_TICK_JOB]: (job) => runAppTick(engine, job),
    [APP_DELIVERY_JOB]: deliveries.handler,
    [DELETE_RECORD_JOB]: (job) => deleteRecord(engine, job.payload['record'] as DeletedRecord, text(job.payload['id'])),
    [CONVERSATION_END_JOB]: (job) => completedBy(endQuietConversation(engine, { conversationId: text(job.payload['conversationId']), messageId: optional(job.payload['messageId']), jobId: job.id })),
  }
  return Object.fromEntries(Object.entries(handlers).map(([kind, handler]) => [kind, (job) => outsideCalls(() => handler(job))]))
}

