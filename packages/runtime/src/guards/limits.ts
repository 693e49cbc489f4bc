/**
 * Every bound the runtime puts on what it is given, in one place. The same numbers hold over HTTP and for
 * code calling the client in-process, so a request refused over HTTP is refused the same way to a plugin,
 * and nothing too large ever reaches the database (where it fails late, slowly, or takes the embedded
 * database down). `SECURITY.md` lists them; change them here only.
 */
export const LIMITS = {
  /** Bytes of a request body over HTTP; the server's `bodyLimit` option may lower or raise it. */
  bodyBytes: 1024 * 1024,
  /** Nesting of arrays and objects in a request, a payload or a row: deeper JSON is refused. */
  depth: 64,
  /** Items one page holds (`limit`). */
  pageSize: 1000,
  /** Items a page may skip (`offset`): PostgreSQL's 32-bit integer range, far beyond any real list. */
  offset: 2 ** 31 - 1,
  /** Values in one table filter, every `$in`/`$nin` list and condition together. */
  filterValues: 1000,
  /** Nesting of `$and`, `$or` and `$not` in one filter. */
  filterDepth: 16,
  /** Row ids one call selects rows by (`ids`). */
  ids: 1000,
  /** Rows one call creates or upserts. */
  rows: 10_000,
  /** Columns one query orders by. */
  orderBy: 16,
  /** Columns one aggregate groups by. */
  groupBy: 16,
  /** Aggregates one call computes. */
  aggregates: 64,
  /** Groups one aggregate call returns. */
  groups: 10_000,
  /** Characters of an id a caller chooses or names: users, conversations, a state's owner, any id in a path. */
  idLength: 200,
  /** Characters of a name: a state, table, column, type, channel, workflow, action or tag. */
  nameLength: 200,
  /** Bytes of one file's content (stored in the database). */
  fileBytes: 10 * 1024 * 1024,
  /** Tags one call sets. */
  tags: 100,
  /** Characters of a tag's value. */
  tagValueLength: 1000,
  /** Bytes of a value in an indexed table column: PostgreSQL indexes hold at most 2704 bytes per entry. */
  indexedValueBytes: 2000,
  /** Milliseconds of a delay, expiry or timeout: 100 years. */
  durationMs: 100 * 365.25 * 24 * 60 * 60 * 1000,
} as const

/** A name `__proto__`, `constructor` or `prototype` would reach an object's prototype if used as a key. */
export const RESERVED_NAMES: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype'])
