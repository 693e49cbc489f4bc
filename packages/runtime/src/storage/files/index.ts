export * from './files.js'
export type { FileSearch, PassageHit } from './search.js'
