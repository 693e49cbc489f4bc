/** The kinds of job the engine runs; a stored job names one, so these never change once released. */
export const EVENT_JOB = 'event'
export const RECURRING_EVENT_JOB = 'recurringEvent'
export const STATE_EXPIRED_JOB = 'stateExpired'
export const WORKFLOW_START_JOB = 'workflowStart'
export const WORKFLOW_CONTINUE_JOB = 'workflowContinue'
export const WORKFLOW_TIMEOUT_JOB = 'workflowTimeout'
export const TRACE_EXPIRY_JOB = 'traceExpiry'
