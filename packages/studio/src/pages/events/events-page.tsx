import { useMemo, useState } from 'preact/hooks'
import { botApi } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { PageProps } from '../../app/page.js'
import { href } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { time } from '../../ui/format.js'
import { JsonView } from '../../ui/json-view.js'
import { Empty, Show } from '../../ui/notes.js'
import { Jobs } from './jobs.js'

export function EventsPage({ botId }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [type, setType] = useState<string>()
  const [events, reload] = useAsync(() => api.events({ type, limit: 100 }), [api, type])
  useStream(api.turnStreamUrl(), 'turn', reload)
  return (
    <>
      <h1>Events and jobs</h1>
      <Jobs api={api} />
      <section aria-labelledby="events-title">
        <h2 id="events-title">Events</h2>
        <form class="filters" role="search" aria-label="Filter events" onSubmit={(e) => { e.preventDefault(); setType(String(new FormData(e.currentTarget as HTMLFormElement).get('type') ?? '').trim() || undefined) }}>
          <label>Type <input name="type" placeholder="journal:entryRecorded" /></label>
          <button type="submit">Filter</button>
          <button type="button" onClick={reload}>Refresh</button>
        </form>
        <Show loaded={events} what="events" retry={reload}>
          {({ events: list }) => list.length === 0 ? <Empty>No event{type ? ` of type ${type}` : ''} yet. Events appear when a handler emits one or one is sent to the API.</Empty> : (
            <ul class="records">
              {[...list].reverse().map((e) => (
                <li key={e.id}>
                  <details>
                    <summary><strong>{e.type}</strong> <span>{time(e.createdAt)}</span> {e.conversationId && <a href={href([botId, 'conversations', e.conversationId])}>{e.conversationId}</a>}</summary>
                    <JsonView value={e.payload} label={`Payload of ${e.id}`} />
                  </details>
                </li>
              ))}
            </ul>
          )}
        </Show>
      </section>
    </>
  )
}
