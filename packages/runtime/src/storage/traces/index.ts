export { createTraceStore, type MetricsBucket, type TraceError, type TraceStep, type Trace, type TraceStore, type TraceSummary } from './traces.js'
export type { TraceBatchOptions, TraceRow } from './trace-batch.js'
export { newTurnId } from './turn-id.js'
