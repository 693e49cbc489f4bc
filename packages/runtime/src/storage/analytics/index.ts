export { createAnalyticsStore, type AnalyticsCounter, type AnalyticsStore } from './analytics.js'
