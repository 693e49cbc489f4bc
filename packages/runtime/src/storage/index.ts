/**
 * Storage for the Parley runtime: one PostgreSQL schema, on an embedded PGlite or a PostgreSQL server,
 * with a store per kind of record, every record scoped by bot.
 */
export * from './database/index.js'
export * from './migrations/index.js'
export * from './errors/index.js'
export type { Page, PageOptions } from './sql/paging.js'
export type { Tags } from './tags/tags.js'
export * from './users/index.js'
export * from './conversations/index.js'
export * from './messages/index.js'
export * from './participants/index.js'
export * from './events/index.js'
export * from './states/index.js'
export * from './workflows/index.js'
export * from './tables/index.js'
export * from './files/index.js'
export { createBotStorage, type BotStorage, type BotStorageOptions } from './bot-storage.js'
export * from './turns/index.js'
export * from './apps/index.js'
export * from './kv/index.js'
export * from './traces/index.js'
export * from './inspect/index.js'
