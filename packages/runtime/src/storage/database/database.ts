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
  query<Row extends object = Record<string, unknown>>(sql: string, params?: readonly unknown[], options?: QueryOptions): Promise<QueryResult<Row>>
  /**
   * Runs `fn` in a transaction: committed when it resolves, rolled back when it throws. Inside a
   * transaction this opens a savepoint, so a nested failure undoes only the nested work. Use only `tx`
   * inside `fn`: on the embedded database, a query on the outer object waits for the transaction to end.
   */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>
}

export interface QueryOptions {
  /**
   * Names a statement whose text never changes, so a server connection parses and plans it once and
   * then only binds values to it. Leave it out for SQL built from the call's input.
   */
  readonly name?: string
}

export type DriverName = 'pglite' | 'postgres'

/** An open database: an embedded PGlite or a PostgreSQL server, speaking the same SQL. */
export interface Database extends Queryable {
  readonly driver: DriverName
  /**
   * Calls `listener` with the payload of each notification on `channel` (PostgreSQL's LISTEN/NOTIFY),
   * from any process; resolves with a function that stops listening. Only a server has other processes
   * to hear from: the embedded database leaves it out.
   */
  readonly listen?: (channel: string, listener: (payload: string) => void) => Promise<() => Promise<void>>
  close(): Promise<void>
}

/**
 * Most parameters one statement may carry: the wire protocol counts them in 16 bits, and PGlite reads
 * that count as a signed number, so more than 32,767 would leave it misreading every result after.
 */
export const MAX_PARAMETERS = 32_767
