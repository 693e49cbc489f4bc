/** One page of a listing, and the token of the next (absent on the last page). */
export interface Page<T> {
  readonly items: readonly T[]
  readonly meta: { readonly nextToken?: string }
}

/**
 * A listing fetched a page at a time, as Botpress code walks one: `for await (const m of list())`,
 * `take(n)`, `takePage(n)`, `takeAll()`. Awaiting it gives the first page's items, as Parley's own
 * listings return them (`const users = await users.list()`).
 */
export class AsyncCollection<T> implements AsyncIterableIterator<T>, PromiseLike<T[]> {
  readonly #fetch: (nextToken: string | undefined) => Promise<Page<T>>
  readonly #buffer: T[] = []
  #nextToken: string | undefined
  #exhausted = false

  constructor(fetch: (nextToken: string | undefined) => Promise<Page<T>>) {
    this.#fetch = fetch
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this
  }

  async next(): Promise<IteratorResult<T, undefined>> {
    if (this.#buffer.length === 0 && !this.#exhausted) await this.#fetchPage()
    return this.#buffer.length === 0 ? { done: true, value: undefined } : { done: false, value: this.#buffer.shift()! }
  }

  /** The next `count` items (fewer at the end). */
  async take(count: number): Promise<T[]> {
    const items: T[] = []
    while (items.length < count) {
      const result = await this.next()
      if (result.done) break
      items.push(result.value)
    }
    return items
  }

  /** The items of the next `pages` pages, with those already fetched but not yet read. */
  async takePage(pages: number): Promise<T[]> {
    for (let i = 0; i < pages && !this.#exhausted; i++) await this.#fetchPage()
    return this.#buffer.splice(0)
  }

  /** Every remaining item. */
  takeAll(): Promise<T[]> {
    return this.take(Number.POSITIVE_INFINITY)
  }

  /** Whether every page has been fetched. */
  get isExhausted(): boolean {
    return this.#exhausted
  }

  then<R1 = T[], R2 = never>(onFulfilled?: ((items: T[]) => R1 | PromiseLike<R1>) | null, onRejected?: ((reason: unknown) => R2 | PromiseLike<R2>) | null): PromiseLike<R1 | R2> {
    return this.takePage(1).then(onFulfilled, onRejected)
  }

  async #fetchPage(): Promise<void> {
    const { items, meta } = await this.#fetch(this.#nextToken)
    this.#buffer.push(...items)
    this.#nextToken = meta.nextToken
    if (!meta.nextToken) this.#exhausted = true
  }
}
