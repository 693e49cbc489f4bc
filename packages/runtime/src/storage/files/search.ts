import type { Queryable } from '../database/database.js'
import { toIso } from '../sql/records.js'
import type { Tags } from '../tags/tags.js'
import { SEARCH_CONFIG } from './passages.js'

export interface FileSearch {
  readonly query: string
  /** Only files having all of these tags. */
  readonly tags?: Tags
  readonly limit: number
  /** Passages before and after each match joined to it, for context. */
  readonly contextDepth: number
  /** One passage per file: its matches (with their context) joined in order, scored by the best. */
  readonly consolidate: boolean
}

export interface PassageHit {
  readonly content: string
  /** From 0 to 1: how well the passage matches, by PostgreSQL's `ts_rank` scaled as rank / (rank + 1). */
  readonly score: number
  /** Where the match is in its file: passages counted from 0. */
  readonly position: number
  readonly file: { readonly id: string; readonly key: string; readonly contentType: string; readonly tags: Tags; readonly createdAt: string; readonly updatedAt: string }
}

interface HitRow {
  file_id: string
  position: number
  score: number
  content: string
  key: string
  content_type: string
  tags: Tags
  created_at: Date | string
  updated_at: Date | string
}

// A question names more words than any one passage holds: any of its words may match (`|`), and passages
// matching more of them, more often, rank higher.
const QUERY = `to_tsquery('${SEARCH_CONFIG}', replace(plainto_tsquery('${SEARCH_CONFIG}', $2)::text, ' & ', ' | '))`

const SEARCH_SQL = `
  WITH hits AS (
    SELECT p.file_id, p.position, ts_rank(p.search, q, 32)::float8 AS score
    FROM parley_file_passages p JOIN parley_files f ON f.bot_id = p.bot_id AND f.id = p.file_id, ${QUERY} AS q
    WHERE p.bot_id = $1 AND p.search @@ q AND f.tags @> $3::text::jsonb AND (f.expires_at IS NULL OR f.expires_at > now())
    ORDER BY score DESC, p.file_id, p.position
    LIMIT $4
  )
  SELECT h.file_id, h.position, h.score, f.key, f.content_type, f.tags, f.created_at, f.updated_at,
    (SELECT string_agg(c.content, E'\\n\\n' ORDER BY c.position) FROM parley_file_passages c
     WHERE c.bot_id = $1 AND c.file_id = h.file_id AND c.position BETWEEN h.position - $5 AND h.position + $5) AS content
  FROM hits h JOIN parley_files f ON f.bot_id = $1 AND f.id = h.file_id
  ORDER BY h.score DESC, h.file_id, h.position`

/** Passages of a bot's indexed files that match a query, best first. */
export async function searchPassages(db: Queryable, botId: string, search: FileSearch): Promise<PassageHit[]> {
  const { rows } = await db.query<HitRow>(SEARCH_SQL, [botId, search.query, JSON.stringify(search.tags ?? {}), search.limit, search.contextDepth])
  const hits = rows.map(toHit)
  return search.consolidate ? consolidated(hits) : hits
}

function toHit(row: HitRow): PassageHit {
  const file = { id: row.file_id, key: row.key, contentType: row.content_type, tags: row.tags, createdAt: toIso(row.created_at), updatedAt: toIso(row.updated_at) }
  return { content: row.content, score: Number(row.score), position: row.position, file }
}

/** One hit per file, in the order of each file's best; its matches in file order. */
function consolidated(hits: readonly PassageHit[]): PassageHit[] {
  const byFile = new Map<string, PassageHit[]>()
  for (const hit of hits) byFile.set(hit.file.id, [...(byFile.get(hit.file.id) ?? []), hit])
  return [...byFile.values()].map((group) => {
    const inOrder = [...group].sort((a, b) => a.position - b.position)
    return { ...group[0]!, position: inOrder[0]!.position, content: inOrder.map((hit) => hit.content).join('\n\n') }
  })
}
