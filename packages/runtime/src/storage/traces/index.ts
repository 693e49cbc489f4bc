export { createTraceStore, type MetricsBucket, type TraceError, type TraceStep, type Trace, type TraceStore, type TraceSummary } from './traces.js'
