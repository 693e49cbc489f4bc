import { useMemo, useState } from 'preact/hooks'
import { botApi } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { Conversation } from '../../api/types.js'
import type { PageProps } from '../../app/page.js'
import { href, navigate } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { time } from '../../ui/format.js'
import { Empty, ErrorNote, Show } from '../../ui/notes.js'
import { tagsFilter } from './tags.js'

interface Search { userId?: string; tags?: Record<string, string>; from?: string; to?: string }

export function ConversationsPage({ botId }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [search, setSearch] = useState<Search>({})
  const [list, reload] = useAsync(() => api.conversations({ ...search, limit: 100 }), [api, search])
  useStream(api.turnStreamUrl(), 'turn', reload)
  const [error, setError] = useState<Error>()
  const startChat = () => api.openConversation().then(({ conversation }) => navigate([botId, 'conversations', conversation.id]), setError)
  return (
    <>
      <div class="title-row">
        <h1>Conversations</h1>
        <button type="button" onClick={() => void startChat()}>New chat</button>
      </div>
      {error && <ErrorNote error={error} />}
      <SearchForm onSearch={setSearch} />
      <Show loaded={list} what="conversations" retry={reload}>
        {({ conversations }) => conversations.length === 0
          ? <Empty>No conversation matches. {Object.keys(search).length ? 'Clear the search, or ' : ''}start one with “New chat”, or on the chat page.</Empty>
          : <ConversationTable botId={botId} conversations={conversations} />}
      </Show>
    </>
  )
}

function SearchForm({ onSearch }: { onSearch: (search: Search) => void }) {
  const [error, setError] = useState<string>()
  const submit = (event: Event) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const field = (name: string) => String(data.get(name) ?? '').trim() || undefined
    const tags = tagsFilter(field('tags'))
    if (tags instanceof Error) return setError(tags.message)
    setError(undefined)
    const date = (name: string) => { const value = field(name); return value ? new Date(value).toISOString() : undefined }
    onSearch({ userId: field('userId'), tags, from: date('from'), to: date('to') })
  }
  return (
    <form class="filters" role="search" aria-label="Search conversations" onSubmit={submit}>
      <label>User id <input name="userId" /></label>
      <label>Tags <input name="tags" placeholder="key=value, key=value" aria-describedby="tags-error" /></label>
      <label>From <input name="from" type="datetime-local" /></label>
      <label>To <input name="to" type="datetime-local" /></label>
      <button type="submit">Search</button>
      {error && <p id="tags-error" class="field-error" role="alert">{error}</p>}
    </form>
  )
}

function ConversationTable({ botId, conversations }: { botId: string; conversations: Conversation[] }) {
  return (
    <div class="table-scroll">
      <table>
        <thead><tr><th scope="col">Conversation</th><th scope="col">Channel</th><th scope="col">Tags</th><th scope="col">Last message</th><th scope="col">Started</th></tr></thead>
        <tbody>
          {conversations.map((c) => (
            <tr key={c.id}>
              <td><a href={href([botId, 'conversations', c.id])}>{c.id}</a></td>
              <td>{c.channel}</td>
              <td>{Object.entries(c.tags).map(([k, v]) => `${k}=${v}`).join(', ')}</td>
              <td>{time(c.lastMessageAt ?? c.updatedAt)}</td>
              <td>{time(c.createdAt)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  )
}
