export * as version from './ranges.js'
export type { Versioned } from './ranges.js'
