/** What a query returns: its rows, with column names as keys. */
export interface QueryResult<Row> {
  readonly rows: Row[]
}

/**
 * Something SQL can be sent to: the database itself, or a transaction in progress. Stores take this, so
 * the same store code runs inside or outside a transaction.
 *
 * `sql` is PostgreSQL. With `params`, it is one statement using `$1, $2, …`; without, it may hold several
 * statements separated by `;`, and the rows are those of the last one (migrations and job queues send
 * scripts like that).
 */
export interface Queryable {
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<QueryResult<Row>>
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Inside a
   * transaction this opens a savepoint, so a nested failure undoes only the nested work. Use only `tx`
   * inside `fn`: on the embedded database, a query on the outer object waits for the transaction to end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
}

export type DriverName = 'pglite' | 'postgres'

/** An open database: an embedded PGlite or a PostgreSQL server, speaking the same SQL. */
export interface Database extends Queryable {
  readonly driver: DriverName
  close(): Promise<void>
}
