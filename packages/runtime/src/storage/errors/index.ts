export { StorageError, type StorageErrorCode, type RecordKind } from './storage-error.js'
export { StateTooLargeError, type StateLocation } from './state-too-large-error.js'
export { StateVersionConflictError } from './state-version-conflict-error.js'
export {
  TableQueryError, TableRowError, TableSchemaError, type TableQueryErrorCode, type TableSchemaErrorCode, type RowIssue,
} from './table-errors.js'
