import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'
import { startOf, type TraceRow } from './trace-row.js'
import { compactSteps, expandSteps } from './trace-steps.js'

/**
 * A page: the steps of a batch of turns, their JSON texts one after the other, compressed as one.
 *
 * Storing a trace cost the embedded database per byte, not per row: the same multi-row INSERT took
 * ~105–150 µs a row with 1,300 bytes of steps, ~22–40 µs with 50 (the bytes cross PGlite's transport, are
 * written to the heap and the WAL, and later evicted and checkpointed). A batch's steps repeat the same
 * hook, handler and state names and the same ids, so compressed together they shrink about 18 times
 * (128 turns of the dispatch bench: 164 kB to 8.9 kB, ~70 bytes a turn). Brotli at quality 1 took ~3 µs
 * a turn, deflate at level 1 about as much for 20 % more bytes, Brotli at quality 4 twice as long for 2 %
 * fewer. A page is read back whole, only when a person looks. It travels as base64 text, decoded by the
 * database into `bytea`: PGlite writes a binary parameter out byte by byte as hex, several times slower.
 * Compression runs synchronously: it is a fraction of a millisecond per batch of 128, less than handing
 * it to a thread. A batch's page since is one JSON text of its turns (`encodeTurns`, below).
 */

/** Between two turns' steps: JSON text never holds a raw control character, so it cannot be in one. */
const SEPARATOR = '\u0001'
const SEPARATOR_BYTE = Buffer.from(SEPARATOR)

const fastest = (size: number) => ({ params: { [constants.BROTLI_PARAM_QUALITY]: 1, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: size } })

/** A page of the steps given (each a turn's steps as JSON text), as base64 text. */
export function encodePage(steps: readonly string[]): string {
  const parts = steps.flatMap((text, index) => (index === 0 ? [Buffer.from(text)] : [SEPARATOR_BYTE, Buffer.from(text)]))
  const text = Buffer.concat(parts)
  // Told the size, the encoder sizes its window and buffers once: 1.3 µs a turn instead of 1.6.
  return brotliCompressSync(text, fastest(text.length)).toString('base64')
}

/** The turns' steps (JSON texts) a page holds, in the order they were given. */
export function decodePage(page: string): string[] {
  return brotliDecompressSync(Buffer.from(page, 'base64')).toString('utf8').split(SEPARATOR)
}

/**
 * A batch's page: every turn with its steps in one JSON text, after a version mark. Its turns are plain
 * data until the batch is written, so the batch's JSON is made in one call, and its steps are arrays
 * (`trace-steps.ts`). Pages of the first form of migration 23 (no mark: the turns' fields as JSON, then
 * each turn's steps as its own JSON text) are read as they were until they expire.
 */
const TURNS_V2 = '\u0002'

type Fields = [string, string, string | null, string | null, string | null, string | number, number, boolean, string | null]
type StoredTurn = [...Fields, Parameters<typeof expandSteps>[0]]

export function encodeTurns(rows: readonly TraceRow[]): string {
  const turns = rows.map(([t, k, c, m, e, s, d, f, steps, w]): StoredTurn => [t, k, c, m, e, s, d, f, w, compactSteps(stepsOf(steps))])
  const text = TURNS_V2 + JSON.stringify(turns)
  // The size told is a hint: characters, the bytes of the ASCII that pages mostly hold.
  return brotliCompressSync(text, fastest(text.length)).toString('base64')
}

/** The rows a page of `encodeTurns` was made of, in their order, in either form. */
export function decodeTurns(page: string): TraceRow[] {
  const text = brotliDecompressSync(Buffer.from(page, 'base64')).toString('utf8')
  if (text.startsWith(TURNS_V2)) {
    return (JSON.parse(text.slice(TURNS_V2.length)) as StoredTurn[]).map(([t, k, c, m, e, s, d, f, w, steps]) => [t, k, c, m, e, s, d, f, expandSteps(steps), w])
  }
  const [fields = '[]', ...steps] = text.split(SEPARATOR)
  return (JSON.parse(fields) as Fields[]).map(([t, k, c, m, e, s, d, f, w], index) => [t, k, c, m, e, s, d, f, steps[index] ?? '[]', w])
}

/** A row's steps as data: a row read from an older page holds them as JSON text. */
const stepsOf = (steps: TraceRow[8]): readonly unknown[] => (typeof steps === 'string' ? (JSON.parse(steps) as unknown[]) : steps)

/** What a page's row keeps beside the page, as the text parameters of its statement (see migration 23). */
export interface PageColumns {
  readonly firstStartedAt: string
  readonly lastStartedAt: string
  /** JSON arrays of the distinct ids. */
  readonly conversationIds: string
  readonly workflowIds: string
  /** Comma-separated numbers: each turn's start after the first (ms), its duration (ms), the places of failed turns (from 1). */
  readonly offsets: string
  readonly durations: string
  readonly failed: string
  readonly page: string
}

/** The columns of a page of `rows`; `page` given only by a bench that compares forms of it. */
export function pageColumns(rows: readonly TraceRow[], page = encodeTurns(rows)): PageColumns {
  const starts = rows.map(startOf)
  // Not `Math.min(...starts)`: a batch may be larger than a call's arguments can be.
  const first = starts.reduce((min, at) => Math.min(min, at))
  return {
    firstStartedAt: new Date(first).toISOString(),
    lastStartedAt: new Date(starts.reduce((max, at) => Math.max(max, at))).toISOString(),
    conversationIds: distinctIds(rows.map((row) => row[2])),
    workflowIds: distinctIds(rows.map((row) => row[9])),
    offsets: starts.map((at) => at - first).join(','),
    durations: rows.map((row) => row[6]).join(','),
    failed: rows.flatMap((row, index) => (row[7] ? [index + 1] : [])).join(','),
    page,
  }
}

function distinctIds(ids: readonly (string | null)[]): string {
  return JSON.stringify([...new Set(ids.filter((id) => id !== null))])
}
