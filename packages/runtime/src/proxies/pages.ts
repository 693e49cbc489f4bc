import { AsyncCollection } from '@parley/sdk'

/** How many records a listing fetches at a time. */
export const PAGE_SIZE = 100

/**
 * A Botpress-style listing over an offset-paged one: the next page's token is the offset it starts
 * at, and a short page is the last. `select` keeps and shapes what a page holds; a page it thins out is
 * not taken for the last.
 */
export function paged<R, T = R>(fetch: (window: { limit: number; offset: number }) => Promise<readonly R[]>, select: (records: readonly R[]) => T[] = (records) => records as unknown as T[]): AsyncCollection<T> {
  return new AsyncCollection(async (nextToken) => {
    const offset = nextToken === undefined ? 0 : Number(nextToken)
    const records = await fetch({ limit: PAGE_SIZE, offset })
    return { items: select(records), meta: records.length < PAGE_SIZE ? {} : { nextToken: String(offset + records.length) } }
  })
}
