export { createTraceStore, type MetricsBucket, type Trace, type TraceStore, type TraceSummary } from './traces.js'
