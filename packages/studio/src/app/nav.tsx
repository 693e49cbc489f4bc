import type { Bot } from '../api/types.js'
import { href } from './router.js'

export const sections = [
  { path: '', label: 'Bot' },
  { path: 'conversations', label: 'Conversations' },
  { path: 'states', label: 'States' },
  { path: 'tables', label: 'Tables' },
  { path: 'events', label: 'Events & jobs' },
  { path: 'workflows', label: 'Workflows' },
  { path: 'logs', label: 'Logs' },
  { path: 'api', label: 'API' },
] as const

export function Nav({ bots, botId, section, onLogout }: { bots: Bot[]; botId: string; section: string; onLogout: () => void }) {
  return (
    <header class="top">
      <a class="brand" href="#/">Parley Studio</a>
      {bots.length > 1 && (
        <label class="bot-pick">
          <span class="sr-only">Bot</span>
          <select value={botId} onChange={(e) => { window.location.hash = href([(e.currentTarget as HTMLSelectElement).value]) }}>
            {bots.map((bot) => <option key={bot.id} value={bot.id}>{bot.title ?? bot.id}</option>)}
          </select>
        </label>
      )}
      <nav aria-label="Studio">
        <ul>
          {sections.map((s) => (
            <li key={s.path}>
              <a href={href(s.path ? [botId, s.path] : [botId])} aria-current={section === s.path ? 'page' : undefined}>{s.label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <button type="button" class="link" onClick={onLogout}>Log out</button>
    </header>
  )
}
