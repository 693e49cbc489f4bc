import { useMemo, useState } from 'preact/hooks'
import { botApi, type LogFilter } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { LogLine } from '../../api/types.js'
import type { PageProps } from '../../app/page.js'
import { useAsync } from '../../ui/async.js'
import { Empty, Show } from '../../ui/notes.js'
import { LogList } from './log-list.js'

const KEEP = 1000

export function LogsPage({ botId }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [filter, setFilter] = useState<LogFilter>({})
  const [live, setLive] = useState<LogLine[]>([])
  const [first] = useAsync(() => { setLive([]); return api.logs({ ...filter, limit: 200 }) }, [api, filter])
  const status = useStream<LogLine>(api.logStreamUrl(filter), 'log', (line) => setLive((old) => [...old, line].slice(-KEEP)))
  const submit = (event: Event) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const field = (name: string) => String(data.get(name) ?? '').trim() || undefined
    setFilter({ level: field('level'), source: field('source'), conversationId: field('conversationId') })
  }
  return (
    <>
      <h1>Logs <span class="badge" role="status">{status}</span></h1>
      <form class="filters" role="search" aria-label="Filter logs" onSubmit={submit}>
        <label>Level at least <select name="level"><option value="">debug</option><option>info</option><option>warn</option><option>error</option></select></label>
        <label>Plugin or source <input name="source" placeholder="journal, bot" /></label>
        <label>Conversation <input name="conversationId" placeholder="conv_…" /></label>
        <button type="submit">Filter</button>
      </form>
      <Show loaded={first} what="logs">
        {({ logs }) => {
          const seen = new Set(logs.map((l) => l.seq))
          const all = [...logs, ...live.filter((l) => !seen.has(l.seq))].reverse()
          return all.length === 0 ? <Empty>No log line matches yet. Lines appear here as the bot logs them; send it a message to see some.</Empty> : <LogList botId={botId} lines={all} />
        }}
      </Show>
    </>
  )
}
