import { LIMITS } from '../../guards/index.js'
import { StorageError } from '../errors/storage-error.js'

export interface PageOptions {
  /** How many items to return; 100 when absent, at most 1000. */
  readonly limit?: number
  /** How many matching items to skip first. */
  readonly offset?: number
  /** `asc` (the default) lists the oldest first, `desc` the newest first. */
  readonly order?: 'asc' | 'desc'
}

/** One page of a list, and the offset of the next page when there is one. */
export interface Page<T> {
  readonly items: T[]
  readonly nextOffset: number | undefined
}

export const DEFAULT_LIMIT = 100
export const MAX_LIMIT = 1000

export interface PageWindow {
  readonly limit: number
  readonly offset: number
  readonly order: 'asc' | 'desc'
}

export function pageWindow({ limit = DEFAULT_LIMIT, offset = 0, order = 'asc' }: PageOptions): PageWindow {
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new StorageError('PAGE_INVALID', `limit ${limit} is not allowed; use a whole number from 1 to ${MAX_LIMIT}`)
  }
  if (!Number.isInteger(offset) || offset < 0 || offset > LIMITS.offset) {
    throw new StorageError('PAGE_INVALID', `offset ${offset} is not allowed; use a whole number from 0 to ${LIMITS.offset}`)
  }
  if (order !== 'asc' && order !== 'desc') {
    throw new StorageError('PAGE_INVALID', `order "${String(order)}" is not allowed; use "asc" or "desc"`)
  }
  return { limit, offset, order }
}

/**
 * Orders by insertion and asks for one row more than the page, which tells whether another page follows.
 * The numbers are checked integers, so they are safe in the text.
 */
export function pageClause(window: PageWindow): string {
  return `ORDER BY seq ${window.order.toUpperCase()} LIMIT ${window.limit + 1} OFFSET ${window.offset}`
}

export function toPage<T>(rows: readonly T[], window: PageWindow): Page<T> {
  const more = rows.length > window.limit
  return { items: rows.slice(0, window.limit), nextOffset: more ? window.offset + window.limit : undefined }
}
