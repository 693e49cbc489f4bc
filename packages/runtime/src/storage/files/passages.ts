import type { Queryable } from '../database/database.js'

/** Characters a passage holds at most: about a paragraph or two, what a search answer quotes. */
export const PASSAGE_CHARS = 1000

/** The text search configuration passages and queries are read with: English stemming and stop words. */
export const SEARCH_CONFIG = 'english'

// Types whose bytes are text; others (PDF, images, office documents) would need a converter Parley does
// not ship, and are reported as not indexed.
const TEXT_TYPES = /^(text\/|application\/(json|xml|javascript|x-yaml|yaml|x-ndjson|csv|x-sh|sql)\b|application\/[\w.+-]+\+(json|xml)\b)/i

/** The text of content of a text-like type; undefined for other types. NUL, which PostgreSQL text cannot hold, is dropped. */
export function textOf(content: Uint8Array, contentType: string): string | undefined {
  if (!TEXT_TYPES.test(contentType)) return undefined
  return new TextDecoder('utf-8', { fatal: false }).decode(content).replaceAll('\u0000', '')
}

/**
 * Text cut into passages of at most {@link PASSAGE_CHARS}: paragraphs (split on blank lines) joined while
 * they fit, a longer paragraph cut at the last space before the limit. Written here rather than taken from
 * a text-splitting package: those come with model tokenizers and loaders this needs none of.
 */
export function passagesOf(text: string): string[] {
  const passages: string[] = []
  let current = ''
  for (const paragraph of text.split(/\n\s*\n/).map((part) => part.trim()).filter(Boolean)) {
    for (const piece of piecesOf(paragraph)) {
      if (current && current.length + 2 + piece.length > PASSAGE_CHARS) {
        passages.push(current)
        current = ''
      }
      current = current ? `${current}\n\n${piece}` : piece
    }
  }
  if (current) passages.push(current)
  return passages
}

function piecesOf(paragraph: string): string[] {
  const pieces: string[] = []
  let rest = paragraph
  while (rest.length > PASSAGE_CHARS) {
    const space = rest.lastIndexOf(' ', PASSAGE_CHARS)
    const cut = space > PASSAGE_CHARS / 2 ? space : PASSAGE_CHARS
    pieces.push(rest.slice(0, cut).trim())
    rest = rest.slice(cut).trim()
  }
  return rest ? [...pieces, rest] : pieces
}

/** Replaces the passages of a file with these, in order, each with its search vector. */
export async function storePassages(tx: Queryable, botId: string, fileId: string, passages: readonly string[]): Promise<void> {
  await tx.query('DELETE FROM parley_file_passages WHERE bot_id = $1 AND file_id = $2', [botId, fileId])
  if (passages.length === 0) return
  await tx.query(
    `INSERT INTO parley_file_passages (bot_id, file_id, position, content, search)
     SELECT $1, $2, p.position - 1, p.content, to_tsvector('${SEARCH_CONFIG}', p.content)
     FROM jsonb_array_elements_text($3::text::jsonb) WITH ORDINALITY AS p(content, position)`,
    [botId, fileId, JSON.stringify(passages)],
  )
}
