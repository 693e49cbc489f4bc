import { StorageError } from './storage-error.js'
import type { StateLocation } from './state-too-large-error.js'

/**
 * A conditional state write (`ifVersion`) found another version than it expected, or an update kept
 * losing the race against other writers; nothing was written. `actual` is 0 when there is no state.
 */
export class StateVersionConflictError extends StorageError {
  constructor(
    readonly state: StateLocation,
    readonly expected: number,
    readonly actual: number,
    message = `state "${state.name}" of ${state.type} "${state.id}" is ${actual === 0 ? 'not set' : `at version ${actual}`}, not at version ${expected} as expected; nothing was written. Read it again and retry, or use update to change whatever version is current`,
  ) {
    super('STATE_VERSION_CONFLICT', message)
  }
}
