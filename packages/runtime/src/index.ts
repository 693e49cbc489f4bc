// The public API of `@parley/runtime`, picked by hand: what running a bot takes, what it reports, and the
// errors a caller may want to tell apart. Stores, SQL and the dispatch pipeline stay internal.

export { createRuntime } from './assembly/create-runtime.js'
export { checkedPublicUrl } from './assembly/public-url.js'
export type { Runtime, RuntimeOptions, ComposedBot } from './assembly/runtime.js'
export type { MessageListener } from './engine/engine.js'
export type { StudioSource } from './assembly/studio/studio-source.js'
export type { BotOverview, PackageOverview } from './assembly/studio/overview.js'
export type { TimelineEntry } from './assembly/studio/timeline.js'
export type { TraceStep, TraceKind, TraceError } from './engine/trace.js'
export type { Trace, TraceSummary, MetricsBucket, ListedState, FoundConversation, StateListQuery, ConversationSearch, WorkflowInstance } from './storage/index.js'
export { RuntimeError, PayloadError, type RuntimeErrorCode, type PayloadIssue } from './engine/errors.js'
export type { HandlerFailure } from './dispatch/handlers/failures.js'
export type { IncomingMessage, IncomingOutcome } from './dispatch/incoming/incoming-message.js'
export { systemClock, adjustableClock, type Clock, type AdjustableClock } from './jobs/clock.js'
export type { Job, JobStatus } from './jobs/job-queue.js'
export type { LogRecord, LogLevel, NewLogRecord } from './logging/log-record.js'
export type { LogQuery } from './logging/log-store.js'
export { migrate } from './storage/migrations/index.js'
export { openDatabase, type Database, type DriverName, type OpenDatabaseOptions, type Queryable, type QueryResult } from './storage/database/index.js'
export {
  StorageError, StateTooLargeError, TableQueryError, TableRowError, TableSchemaError,
  type StorageErrorCode, type TableQueryErrorCode, type TableSchemaErrorCode, type RowIssue,
} from './storage/errors/index.js'
export {
  createDeploymentStore, findIncompatibilities,
  type DeploymentStore, type DeploymentSummary, type DeploymentCode, type StoredDeployment, type Incompatibility, type RowConflict,
} from './storage/deployments/index.js'
