import { EVENT_DELIVERY_JOB_KIND } from '../storage/events/index.js'

// The kinds of job the engine runs; a stored job names one, so these never change once released.

/** Delivers an event; listings of events look for it by this kind, so storage owns the name. */
export const EVENT_JOB = EVENT_DELIVERY_JOB_KIND
export const RECURRING_EVENT_JOB = 'recurringEvent'
export const STATE_EXPIRED_JOB = 'stateExpired'
export const WORKFLOW_START_JOB = 'workflowStart'
export const WORKFLOW_CONTINUE_JOB = 'workflowContinue'
export const WORKFLOW_TIMEOUT_JOB = 'workflowTimeout'
/** Looks for what to send one external app (a key per app: `app:<id>`), then runs again after its interval. */
export const APP_TICK_JOB = 'appTick'
/** One POST to an external app, retried with backoff. */
export const APP_DELIVERY_JOB = 'appDelivery'
export const CONVERSATION_END_JOB = 'conversationEnd'
export const TRACE_EXPIRY_JOB = 'traceExpiry'
/** Deletes a user, conversation or message once the turn that asked for it is stored. */
export const DELETE_RECORD_JOB = 'deleteRecord'
/** Drops a bot's webhook delivery records past their age or beyond their bound, then runs again later. */
export const WEBHOOK_DELIVERY_EXPIRY_JOB = 'webhookDeliveryExpiry'
