import { useMemo, useState } from 'preact/hooks'
import { ApiError, type Issue } from '../../api/http.js'
import { botApi, type BotApi } from '../../api/studio.js'
import type { Json, JsonSchema, Overview, State } from '../../api/types.js'
import type { PageProps } from '../../app/page.js'
import { useAsync } from '../../ui/async.js'
import { time } from '../../ui/format.js'
import { Empty, ErrorNote, Show } from '../../ui/notes.js'
import { SchemaForm } from '../../ui/schema-form.js'

interface Filter { type?: string; id?: string; name?: string }

export function StatesPage({ botId }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [overview] = useAsync(() => api.overview(), [api])
  const [filter, setFilter] = useState<Filter>({})
  const [states, reload] = useAsync(() => api.states({ ...filter, limit: 100 }), [api, filter])
  const [open, setOpen] = useState<State>()
  const schemas = overview.state === 'ready' ? overview.value.states : []
  return (
    <>
      <h1>States</h1>
      <StateFilter names={schemas.map((s) => s.name)} onFilter={setFilter} />
      <div class="split">
        <Show loaded={states} what="states" retry={reload}>
          {({ states: list }) => list.length === 0
            ? <Empty>No state matches. States appear once a handler writes one{schemas.length ? `; this bot declares ${schemas.map((s) => s.name).join(', ')}` : ''}.</Empty>
            : <StateList states={list} open={open} onOpen={setOpen} />}
        </Show>
        {open && <StateEditor key={`${open.type}/${open.id}/${open.name}/${open.version}`} api={api} state={open} schemas={schemas} onSaved={(s) => { setOpen(s); reload() }} />}
      </div>
    </>
  )
}

function StateFilter({ names, onFilter }: { names: string[]; onFilter: (filter: Filter) => void }) {
  const submit = (event: Event) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const field = (name: string) => String(data.get(name) ?? '').trim() || undefined
    onFilter({ type: field('type'), id: field('id'), name: field('name') })
  }
  return (
    <form class="filters" role="search" aria-label="Find states" onSubmit={submit}>
      <label>Type <select name="type"><option value="">any</option>{['bot', 'user', 'conversation', 'workflow'].map((t) => <option key={t}>{t}</option>)}</select></label>
      <label>Id <input name="id" placeholder="usr_…, conv_…" /></label>
      <label>Name <input name="name" list="state-names" /></label>
      <datalist id="state-names">{names.map((n) => <option key={n} value={n} />)}</datalist>
      <button type="submit">Find</button>
    </form>
  )
}

function StateList({ states, open, onOpen }: { states: State[]; open?: State; onOpen: (state: State) => void }) {
  return (
    <div class="table-scroll">
      <table>
        <thead><tr><th scope="col">Name</th><th scope="col">Type</th><th scope="col">Id</th><th scope="col">Version</th><th scope="col">Expires</th><th scope="col">Updated</th></tr></thead>
        <tbody>
          {states.map((s) => (
            <tr key={`${s.type}/${s.id}/${s.name}`} class={open?.name === s.name && open.id === s.id && open.type === s.type ? "selected" : undefined}>
              <td><button type="button" class="link" onClick={() => onOpen(s)}>{s.name}</button></td>
              <td>{s.type}</td><td>{s.id}</td><td>{s.version}</td><td>{s.expiresAt ? time(s.expiresAt) : 'never'}</td><td>{time(s.updatedAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}

function StateEditor({ api, state, schemas, onSaved }: { api: BotApi; state: State; schemas: Overview['states']; onSaved: (state: State) => void }) {
  const [issues, setIssues] = useState<Issue[]>([])
  const [error, setError] = useState<Error>()
  const [saved, setSaved] = useState(false)
  const schema: JsonSchema = schemas.find((s) => s.name === state.name)?.schema ?? {}
  const save = async (payload: Json) => {
    setSaved(false)
    try {
      const result = await api.writeState(state, payload)
      setIssues([]); setError(undefined); setSaved(true)
      onSaved(result.state)
    } catch (cause) {
      if (cause instanceof ApiError && cause.issues.length > 0) { setIssues([...cause.issues]); setError(new Error(`Not saved: ${cause.message}`)) } else setError(cause as Error)
    }
  }
  return (
    <section class="editor" aria-labelledby="state-title">
      <h2 id="state-title">{state.name} <small>{state.type} {state.id} · version {state.version}</small></h2>
      <p class="hint">{state.expiresAt ? `Expires ${time(state.expiresAt)}.` : 'Does not expire.'}</p>
      <SchemaForm schema={schema} value={state.payload} issues={issues} onSubmit={(v) => void save(v)} submitLabel="Save state" />
      {error && <ErrorNote error={error} />}
      {saved && <p class="note" role="status">Saved.</p>}
    </section>
  )
}
