import { ParleyError } from '@parley/sdk'

export type TableQueryErrorCode = 'TABLE_UNKNOWN' | 'COLUMN_UNKNOWN' | 'QUERY_INVALID'

/** A table query names something that does not exist or is malformed; nothing was read or written. */
export class TableQueryError extends ParleyError {
  constructor(
    override readonly code: TableQueryErrorCode,
    readonly table: string,
    message: string,
  ) {
    super(code, message)
  }
}

/** One problem with one field of a row, `path` being dotted (`address.city`, `items.0.sku`). */
export interface RowIssue {
  readonly path: string
  readonly message: string
}

/**
 * A row does not match its table's schema; no row of the call was written. `location` says which input
 * was at fault: `rows[2]` for the third row of a call, `patch` for an update.
 */
export class TableRowError extends ParleyError {
  override readonly code = 'ROW_INVALID' as const

  constructor(
    readonly table: string,
    readonly location: string,
    readonly issues: readonly RowIssue[],
  ) {
    super('ROW_INVALID', `table "${table}", ${location}: ${issues.map(describeIssue).join('; ')}; no row was written`)
  }
}

function describeIssue({ path, message }: RowIssue): string {
  return path ? `field "${path}": ${message}` : message
}

export type TableSchemaErrorCode = 'TABLE_SCHEMA_INVALID' | 'TABLE_SCHEMA_CONFLICT'

/** A table's schema cannot be stored, or no longer matches the columns already in the database. */
export class TableSchemaError extends ParleyError {
  constructor(
    override readonly code: TableSchemaErrorCode,
    readonly table: string,
    message: string,
  ) {
    super(code, message)
  }
}
