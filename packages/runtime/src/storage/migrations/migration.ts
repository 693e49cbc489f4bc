/** One step of the database schema. Versions only grow; a released migration is never edited. */
export interface Migration {
  readonly version: number
  readonly name: string
  /** PostgreSQL, possibly several statements, run in one transaction. */
  readonly sql: string
}
