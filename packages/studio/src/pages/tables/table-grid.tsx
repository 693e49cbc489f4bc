import { useState } from 'preact/hooks'
import { ApiError, type Issue } from '../../api/http.js'
import type { BotApi } from '../../api/studio.js'
import type { Json, JsonSchema, Row } from '../../api/types.js'
import { useAsync } from '../../ui/async.js'
import { Empty, ErrorNote, Show } from '../../ui/notes.js'
import { SchemaForm } from '../../ui/schema-form.js'
import { download, toCsv } from './csv.js'

const PAGE = 25
const EXPORT_PAGE = 1000

interface Query { filter?: Json; orderBy?: { column: string; direction: 'asc' | 'desc' }[]; offset: number }

export function TableGrid({ api, table }: { api: BotApi; table: { name: string; schema: JsonSchema } }) {
  const [query, setQuery] = useState<Query>({ offset: 0 })
  const [rows, reload] = useAsync(() => api.findRows(table.name, { ...query, limit: PAGE }), [api, table.name, query])
  const [editing, setEditing] = useState<Row | 'new'>()
  const columns = ['id', ...Object.keys(table.schema.properties ?? {}), 'createdAt']
  const sort = (column: string) => {
    const current = query.orderBy?.[0]
    const direction = current?.column === column && current.direction === 'asc' ? 'desc' : 'asc'
    setQuery({ ...query, orderBy: [{ column, direction }], offset: 0 })
  }
  const exportCsv = async () => {
    const all: Row[] = []
    for (let offset = 0; ; offset += EXPORT_PAGE) {
      const page = await api.findRows(table.name, { filter: query.filter, orderBy: query.orderBy, limit: EXPORT_PAGE, offset })
      all.push(...page.rows)
      if (page.rows.length < EXPORT_PAGE || all.length >= page.total) break
    }
    download(`${table.name}.csv`, toCsv(columns, all))
  }
  return (
    <section aria-label={`Table ${table.name}`}>
      <FilterForm onFilter={(filter) => setQuery({ ...query, filter, offset: 0 })} />
      <div class="toolbar">
        <button type="button" onClick={() => setEditing('new')}>Add row</button>
        <button type="button" onClick={() => void exportCsv()}>Export CSV</button>
      </div>
      {editing && <RowEditor api={api} table={table} row={editing === 'new' ? undefined : editing} onDone={() => { setEditing(undefined); reload() }} />}
      <Show loaded={rows} what="rows" retry={reload}>
        {({ rows: list, total }) => list.length === 0 ? <Empty>No row matches{query.filter ? ' this filter: change or clear it' : ': add one with “Add row”'}.</Empty> : (
          <>
            <Grid columns={columns} rows={list} orderBy={query.orderBy?.[0]} onSort={sort} onEdit={setEditing} onDelete={(row) => void api.deleteRow(table.name, row.id).then(reload)} />
            <Pager offset={query.offset} total={total} onPage={(offset) => setQuery({ ...query, offset })} />
          </>
        )}
      </Show>
    </section>
  )
}

function FilterForm({ onFilter }: { onFilter: (filter: Json | undefined) => void }) {
  const [error, setError] = useState<string>()
  const submit = (event: Event) => {
    event.preventDefault()
    const text = String(new FormData(event.currentTarget as HTMLFormElement).get('filter') ?? '').trim()
    if (!text) { setError(undefined); return onFilter(undefined) }
    try {
      const filter = JSON.parse(text) as unknown
      if (typeof filter !== 'object' || filter === null || Array.isArray(filter)) throw new Error('not an object')
      setError(undefined)
      onFilter(filter as Json)
    } catch {
      setError('The filter is a JSON object, as the API takes it: {"userId": "usr_1"} or {"text": {"$in": ["a", "b"]}}.')
    }
  }
  return (
    <form class="filters" role="search" aria-label="Filter rows" onSubmit={submit}>
      <label class="grow">Filter <input name="filter" placeholder='{"column": {"$gte": 3}}' spellcheck={false} /></label>
      <button type="submit">Apply</button>
      {error && <p class="field-error" role="alert">{error}</p>}
    </form>
  )
}

function Grid({ columns, rows, orderBy, onSort, onEdit, onDelete }: { columns: string[]; rows: Row[]; orderBy?: { column: string; direction: string }; onSort: (c: string) => void; onEdit: (r: Row) => void; onDelete: (r: Row) => void }) {
  const sortOf = (c: string) => (orderBy?.column === c ? (orderBy.direction === 'asc' ? 'ascending' : 'descending') : 'none')
  return (
    <div class="table-scroll">
      <table class="grid">
        <thead><tr>
          {columns.map((c) => <th key={c} scope="col" aria-sort={sortOf(c)}><button type="button" class="link" onClick={() => onSort(c)}>{c}{sortOf(c) === 'ascending' ? ' ▲' : sortOf(c) === 'descending' ? ' ▼' : ''}</button></th>)}
          <th scope="col"><span class="sr-only">Actions</span></th>
        </tr></thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.id}>
              {columns.map((c) => <td key={c}>{typeof row[c] === 'object' ? JSON.stringify(row[c]) : String(row[c] ?? '')}</td>)}
              <td class="actions">
                <button type="button" class="link" onClick={() => onEdit(row)} aria-label={`Edit row ${row.id}`}>Edit</button>
                <button type="button" class="link danger" onClick={() => { if (window.confirm(`Delete row ${row.id}?`)) onDelete(row) }} aria-label={`Delete row ${row.id}`}>Delete</button>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function Pager({ offset, total, onPage }: { offset: number; total: number; onPage: (offset: number) => void }) {
  return (
    <nav class="pager" aria-label="Pages">
      <button type="button" disabled={offset === 0} onClick={() => onPage(Math.max(0, offset - PAGE))}>Previous</button>
      <span role="status">Rows {offset + 1}–{Math.min(total, offset + PAGE)} of {total}</span>
      <button type="button" disabled={offset + PAGE >= total} onClick={() => onPage(offset + PAGE)}>Next</button>
    </nav>
  )
}

function RowEditor({ api, table, row, onDone }: { api: BotApi; table: { name: string; schema: JsonSchema }; row?: Row; onDone: () => void }) {
  const [issues, setIssues] = useState<Issue[]>([])
  const [error, setError] = useState<Error>()
  const save = async (value: Json) => {
    const { id: _id, createdAt: _c, updatedAt: _u, ...fields } = value
    try {
      await (row ? api.updateRow(table.name, row.id, fields) : api.createRow(table.name, fields))
      onDone()
    } catch (cause) {
      setError(cause as Error)
      if (cause instanceof ApiError) setIssues([...cause.issues])
    }
  }
  return (
    <section class="editor" aria-label={row ? `Edit row ${row.id}` : 'New row'}>
      <h2>{row ? `Row ${row.id}` : 'New row'}</h2>
      <SchemaForm schema={table.schema} value={row ?? {}} issues={issues} onSubmit={(v) => void save(v)} submitLabel={row ? 'Save row' : 'Add row'} />
      <button type="button" class="link" onClick={onDone}>Cancel</button>
      {error && <ErrorNote error={error} />}
    </section>
  )
}
