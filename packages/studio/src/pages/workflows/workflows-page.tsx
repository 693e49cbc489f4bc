import { useMemo, useState } from 'preact/hooks'
import { botApi, type BotApi } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { PageProps } from '../../app/page.js'
import { href } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { time } from '../../ui/format.js'
import { JsonView } from '../../ui/json-view.js'
import { Empty, Show } from '../../ui/notes.js'

const statuses = ['pending', 'in_progress', 'completed', 'failed', 'cancelled', 'timed_out']

export function WorkflowsPage({ botId, rest }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [status, setStatus] = useState<string>()
  const [list, reload] = useAsync(() => api.workflows({ status }), [api, status])
  // Every change to a workflow is made by a turn (its start, its handlers, its timeout): each stored turn
  // reads the list and the open timeline again, over one stream for both.
  const [turns, setTurns] = useState(0)
  useStream(api.turnStreamUrl(), 'turn', () => {
    reload()
    setTurns((n) => n + 1)
  })
  return (
    <>
      <h1>Workflows</h1>
      <form class="filters" role="search" aria-label="Filter workflows" onSubmit={(e) => e.preventDefault()}>
        <label>Status <select onChange={(e) => setStatus((e.currentTarget as HTMLSelectElement).value || undefined)}><option value="">any</option>{statuses.map((s) => <option key={s}>{s}</option>)}</select></label>
        <button type="button" onClick={reload}>Refresh</button>
      </form>
      <div class="split">
        <Show loaded={list} what="workflows" retry={reload}>
          {({ workflows }) => workflows.length === 0 ? <Empty>No workflow{status ? ` is ${status}` : ' has run yet'}. A handler starts one with <code>workflows.&lt;name&gt;.start()</code>.</Empty> : (
            <ul class="records">
              {workflows.map((w) => <li key={w.id}><a href={href([botId, 'workflows', w.id])}>{w.name}</a> <span class={`badge ${w.status}`}>{w.status}</span> <span>{time(w.createdAt)}</span></li>)}
            </ul>
          )}
        </Show>
        {rest[0] && <Timeline api={api} botId={botId} id={rest[0]} turns={turns} />}
      </div>
    </>
  )
}

/** `turns` counts the turns stored since the page opened: the timeline is read again on each. */
function Timeline({ api, botId, id, turns }: { api: BotApi; botId: string; id: string; turns: number }) {
  const [timeline, reload] = useAsync(() => api.timeline(id), [api, id, turns])
  return (
    <section class="editor" aria-labelledby="timeline-title">
      <Show loaded={timeline} what="the workflow" retry={reload}>
        {({ workflow, entries }) => (
          <>
            <h2 id="timeline-title">{workflow.name} <span class={`badge ${workflow.status}`}>{workflow.status}</span></h2>
            {workflow.error && <p class="field-error">{workflow.error}</p>}
            <h3>Input</h3><JsonView value={workflow.input} label="Input" />
            {workflow.output && <><h3>Output</h3><JsonView value={workflow.output} label="Output" /></>}
            <h3 id="timeline-steps">Timeline</h3>
            <ol class="timeline" aria-labelledby="timeline-steps">
              {entries.map((entry, i) => (
                <li key={i}><time dateTime={entry.at}>{time(entry.at)}</time> <strong>{entry.kind}</strong> {entry.summary}
                  {entry.turnId && workflow.conversationId && <> · <a href={href([botId, 'conversations', workflow.conversationId], { turn: entry.turnId })}>turn</a></>}
                </li>
              ))}
            </ol>
          </>
        )}
      </Show>
    </section>
  )
}
