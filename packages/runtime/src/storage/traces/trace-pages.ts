import { brotliCompressSync, brotliDecompressSync, constants } from 'node:zlib'

/**
 * A page: the steps of a batch of turns, their JSON texts one after the other, compressed as one.
 *
 * Storing a trace cost the embedded database per byte, not per row: the same multi-row INSERT took
 * ~105–150 µs a row with 1,300 bytes of steps, ~22–40 µs with 50 (the bytes cross PGlite's transport, are
 * written to the heap and the WAL, and later evicted and checkpointed). A batch's steps repeat the same
 * hook, handler and state names and the same ids, so compressed together they shrink about 18 times
 * (128 turns of the dispatch bench: 164 kB to 8.7 kB, ~70 bytes a turn). Brotli at quality 4 was both
 * smaller and quicker than deflate at level 1 on such a batch (~3.5 µs a turn against ~8); a page is
 * read back whole, only when a person looks. It travels as base64 text, decoded by the database into
 * `bytea`: PGlite writes a binary parameter out byte by byte as hex, several times slower.
 * Compression runs synchronously: it is a millisecond per batch of 128, less than handing it to a thread.
 */

/** Between two turns' steps: JSON text never holds a raw control character, so it cannot be in one. */
const SEPARATOR = '\u0001'

const QUALITY = { params: { [constants.BROTLI_PARAM_QUALITY]: 4, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }

/** A page of the steps given (each a turn's steps as JSON text), as base64 text. */
export function encodePage(steps: readonly string[]): string {
  return brotliCompressSync(steps.join(SEPARATOR), QUALITY).toString('base64')
}

/** The turns' steps (JSON texts) a page holds, in the order they were given. */
export function decodePage(page: string): string[] {
  return brotliDecompressSync(Buffer.from(page, 'base64')).toString('utf8').split(SEPARATOR)
}
