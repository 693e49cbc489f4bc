export { MAX_PARAMETERS, type Database, type Queryable, type QueryOptions, type QueryResult, type DriverName } from './database.js'
export { openDatabase, type OpenDatabaseOptions } from './open-database.js'
