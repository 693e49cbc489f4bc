import { useEffect, useRef, useState } from 'preact/hooks'
import type { Message } from '../../api/types.js'
import { messageText, time } from '../../ui/format.js'
import { ErrorNote } from '../../ui/notes.js'

/** The conversation's messages, and a box to type in as its user. */
export function LiveChat({ messages, status, onSend, onTurn }: { messages: Message[]; status: string; onSend: (text: string) => Promise<void>; onTurn: (messageId: string) => void }) {
  const [error, setError] = useState<Error>()
  const list = useRef<HTMLOListElement>(null)
  // The latest message in view, as in any chat.
  useEffect(() => { list.current?.scrollTo({ top: list.current.scrollHeight }) }, [messages.length])
  const submit = async (event: Event) => {
    event.preventDefault()
    const input = (event.currentTarget as HTMLFormElement).elements.namedItem('text') as HTMLInputElement
    const text = input.value.trim()
    if (!text) return
    input.value = ''
    setError(undefined)
    await onSend(text).catch((cause: Error) => { input.value = text; setError(cause) })
  }
  return (
    <section class="chat" aria-labelledby="chat-title">
      <h2 id="chat-title">Live chat <span class="badge" role="status">{status}</span></h2>
      <ol class="messages" aria-label="Messages" aria-live="polite" ref={list} tabIndex={0}>
        {messages.length === 0 && <li class="note">No messages yet: type one below, as the user.</li>}
        {messages.map((m) => (
          <li key={m.id} class={m.direction === 'incoming' ? 'from-user' : 'from-bot'}>
            <span class="who">{m.direction === 'incoming' ? 'User' : 'Bot'}</span>
            <span class="text">{messageText(m.payload, m.type)}</span>
            <button type="button" class="link" onClick={() => onTurn(m.id)} title={time(m.createdAt)}>trace</button>
          </li>
        ))}
      </ol>
      <form class="say" onSubmit={submit}>
        <label for="say" class="sr-only">Message as the user</label>
        <input id="say" name="text" autoComplete="off" placeholder="Type as the user, then Enter" maxLength={4000} />
        <button type="submit">Send</button>
      </form>
      {error && <ErrorNote error={error} />}
    </section>
  )
}
