import { StateTooLargeError, type StateLocation } from '../errors/state-too-large-error.js'

/** 128 KiB of JSON: room for any settings or counters, small enough that states stay fast to load. */
export const DEFAULT_STATE_SIZE_LIMIT = 128 * 1024

/** The payload as JSON text, after checking its UTF-8 size against `limit`. */
export function stateJson(location: StateLocation, payload: unknown, limit: number): string {
  const json = JSON.stringify(payload)
  const size = Buffer.byteLength(json, 'utf8')
  if (size > limit) throw new StateTooLargeError(location, size, limit)
  return json
}
