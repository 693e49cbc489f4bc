import { useEffect, useMemo, useState } from 'preact/hooks'
import { botApi, type BotApi } from '../../api/studio.js'
import { useStream } from '../../api/stream.js'
import type { Message, Trace, TraceSummary } from '../../api/types.js'
import type { PageProps } from '../../app/page.js'
import { navigate } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { Empty, Show } from '../../ui/notes.js'
import { LiveChat } from './live-chat.js'
import { TraceView } from './trace-view.js'
import { turnOf } from './turn-of.js'

export function ConversationPage({ botId, conversationId, params }: PageProps & { conversationId: string }) {
  const api = useMemo(() => botApi(botId), [botId])
  const [conversation, reload] = useAsync(() => api.conversation(conversationId), [api, conversationId])
  return (
    <>
      <h1>Conversation <code>{conversationId}</code></h1>
      <Show loaded={conversation} what="the conversation" retry={reload}>
        {({ conversation: c }) => (
          <>
            <p class="counts">Channel {c.channel}{Object.keys(c.tags).length > 0 && <> · tags {Object.entries(c.tags).map(([k, v]) => `${k}=${v}`).join(', ')}</>}</p>
            <Conversation api={api} botId={botId} conversationId={conversationId} selectedTurn={params.get('turn') ?? undefined} />
          </>
        )}
      </Show>
    </>
  )
}

function Conversation({ api, botId, conversationId, selectedTurn }: { api: BotApi; botId: string; conversationId: string; selectedTurn?: string }) {
  const messages = useMessages(api, conversationId)
  const [turns, reloadTurns] = useAsync(() => api.turns(conversationId), [api, conversationId])
  useStream<TraceSummary>(api.turnStreamUrl(), 'turn', (turn) => { if (turn.conversationId === conversationId) reloadTurns() })
  const traces = turns.state === 'ready' ? turns.value.turns : []
  useEffect(() => { if (selectedTurn) document.getElementById(`turn-${selectedTurn}`)?.focus() }, [selectedTurn, traces.length])
  const showTurn = (messageId: string) => {
    const turn = turnOf(traces, messageId)
    if (turn) navigate([botId, 'conversations', conversationId], { turn: turn.turnId })
  }
  return (
    <div class="conversation">
      <LiveChat messages={messages.list} status={messages.status} onSend={messages.send} onTurn={showTurn} />
      <section class="traces" aria-labelledby="traces-title">
        <h2 id="traces-title">Turns</h2>
        <Show loaded={turns} what="turns" retry={reloadTurns}>
          {({ turns: list }) => list.length === 0 ? <Empty>No turn recorded yet: send a message in the live chat.</Empty> : <Turns traces={list} selected={selectedTurn} />}
        </Show>
      </section>
    </div>
  )
}

function Turns({ traces, selected }: { traces: Trace[]; selected?: string }) {
  return <>{[...traces].reverse().map((trace) => <TraceView key={trace.turnId} trace={trace} selected={trace.turnId === selected} />)}</>
}

/** The conversation's messages, kept current by its stream, and a way to send one as its user. */
function useMessages(api: BotApi, conversationId: string) {
  const [list, setList] = useState<Message[]>([])
  const [userId, setUserId] = useState<string>()
  const add = (incoming: Message[]) => setList((old) => {
    const known = new Set(old.map((m) => m.id))
    return [...old, ...incoming.filter((m) => !known.has(m.id))]
  })
  const status = useStream<Message>(api.messageStreamUrl(conversationId), 'message', (m) => add([m]))
  useEffect(() => {
    setList([])
    void api.messages(conversationId).then(({ messages }) => {
      add(messages)
      setUserId(messages.find((m) => m.direction === 'incoming')?.userId)
    })
  }, [api, conversationId])
  const send = async (text: string) => {
    const user = userId ?? (await api.user()).user.id
    setUserId(user)
    const { message } = await api.sendAsUser(conversationId, user, text)
    add([message])
  }
  return { list, status, send }
}
