import { useMemo } from 'preact/hooks'
import { botApi } from '../../api/studio.js'
import type { PageProps } from '../../app/page.js'
import { href } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { Empty, Show } from '../../ui/notes.js'
import { TableGrid } from './table-grid.js'

export function TablesPage({ botId, rest }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [overview, reload] = useAsync(() => api.overview(), [api])
  const current = rest[0]
  return (
    <>
      <h1>Tables</h1>
      <Show loaded={overview} what="tables" retry={reload}>
        {({ tables }) => tables.length === 0 ? <Empty>This bot declares no table. Add one under <code>tables</code> in its definition, or add a plugin that has one.</Empty> : (
          <>
            <nav aria-label="Tables" class="tabs">
              {tables.map((t) => <a key={t.name} href={href([botId, 'tables', t.name])} aria-current={t.name === current ? 'page' : undefined}>{t.name}</a>)}
            </nav>
            {current ? (() => {
              const table = tables.find((t) => t.name === current)
              return table ? <TableGrid key={table.name} api={api} table={table} /> : <Empty>There is no table “{current}”; pick one above.</Empty>
            })() : <Empty>Pick a table above.</Empty>}
          </>
        )}
      </Show>
    </>
  )
}
