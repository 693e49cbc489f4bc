import type { LogLine } from '../../api/types.js'
import { href } from '../../app/router.js'
import { time } from '../../ui/format.js'

export function LogList({ botId, lines }: { botId: string; lines: LogLine[] }) {
  return (
    <ol class="logs" aria-label="Log lines" reversed>
      {lines.map((line) => (
        <li key={line.seq} class={`log ${line.level}`}>
          <time dateTime={line.createdAt}>{time(line.createdAt)}</time>
          <span class={`badge ${line.level}`}>{line.level}</span>
          <span class="source">{line.source}</span>
          <span class="message">{line.message}</span>
          {line.conversationId && <a href={href([botId, 'conversations', line.conversationId], { turn: line.turnId })}>{line.turnId ? 'turn' : 'conversation'}</a>}
        </li>
      ))}
    </ol>
  )
}
