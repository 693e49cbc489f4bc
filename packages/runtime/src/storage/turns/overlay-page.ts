import { pageWindow, type Page, type PageOptions } from '../sql/paging.js'

export interface StoredPages<T> {
  list(options: PageOptions): Promise<Page<T>>
  count(): Promise<number>
}

/**
 * A page of stored records followed by `added`, the turn's own records that match: they are newer than
 * every stored one (they are stored when the turn ends), so they come last oldest-first and first
 * newest-first. The stored pages are asked for only what the page needs of them.
 */
export async function overlayPage<T>(stored: StoredPages<T>, added: readonly T[], options: PageOptions): Promise<Page<T>> {
  const window = pageWindow(options)
  if (added.length === 0) return stored.list(window)
  return window.order === 'asc' ? oldestFirst(stored, added, window) : newestFirst(stored, [...added].reverse(), window)
}

async function oldestFirst<T>(stored: StoredPages<T>, added: readonly T[], { limit, offset }: PageOptions & { limit: number; offset: number }): Promise<Page<T>> {
  const page = await stored.list({ limit, offset, order: 'asc' })
  if (page.nextOffset !== undefined) return page
  // The stored records end on this page or before it.
  const total = page.items.length > 0 || offset === 0 ? offset + page.items.length : await stored.count()
  const from = Math.max(0, offset - total)
  const room = limit - page.items.length
  return { items: [...page.items, ...added.slice(from, from + room)], nextOffset: added.length > from + room ? offset + limit : undefined }
}

async function newestFirst<T>(stored: StoredPages<T>, newest: readonly T[], { limit, offset }: PageOptions & { limit: number; offset: number }): Promise<Page<T>> {
  const own = newest.slice(offset, offset + limit)
  const room = limit - own.length
  const storedOffset = Math.max(0, offset - newest.length)
  if (room === 0) {
    const more = newest.length > offset + limit || (await stored.list({ limit: 1, offset: storedOffset, order: 'desc' })).items.length > 0
    return { items: own, nextOffset: more ? offset + limit : undefined }
  }
  const page = await stored.list({ limit: room, offset: storedOffset, order: 'desc' })
  return { items: [...own, ...page.items], nextOffset: page.nextOffset === undefined ? undefined : offset + limit }
}
