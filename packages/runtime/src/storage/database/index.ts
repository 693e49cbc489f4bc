export type { Database, Queryable, QueryResult, DriverName } from './database.js'
export { openDatabase, type OpenDatabaseOptions } from './open-database.js'
