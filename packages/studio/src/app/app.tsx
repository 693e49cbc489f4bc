import { useEffect } from 'preact/hooks'
import { ApiError } from '../api/http.js'
import { listBots, session } from '../api/studio.js'
import type { Bot } from '../api/types.js'
import { useAsync } from '../ui/async.js'
import { Empty, ErrorNote, Loading } from '../ui/notes.js'
import { Login } from './login.js'
import { Nav } from './nav.js'
import { Page } from './page.js'
import { navigate, useRoute } from './router.js'

export function App() {
  const [bots, reload] = useAsync(() => session.get().then(() => listBots()), [])
  if (bots.state === 'loading') return <Loading what="the Studio" />
  if (bots.state === 'error') {
    if (bots.error instanceof ApiError && bots.error.status === 401) return <Login onDone={reload} />
    return <ErrorNote error={bots.error} retry={reload} />
  }
  return <Shell bots={bots.value.bots} onLogout={() => void session.close().finally(reload)} />
}

function Shell({ bots, onLogout }: { bots: Bot[]; onLogout: () => void }) {
  const route = useRoute()
  const [botId, section = '', ...rest] = route.parts
  const only = bots.length === 1 ? bots[0] : undefined
  useEffect(() => { if (!botId && only) navigate([only.id]) }, [botId, only])
  if (bots.length === 0) return <Empty>This runtime serves no bot yet. Start one with <code>parley dev</code> in a bot's folder.</Empty>
  if (!botId) return <BotList bots={bots} />
  return (
    <>
      <a class="skip" href="#main" onClick={(e) => { e.preventDefault(); document.getElementById('main')?.focus() }}>Skip to content</a>
      <Nav bots={bots} botId={botId} section={section} onLogout={onLogout} />
      <main id="main" tabIndex={-1}>
        <Page botId={botId} section={section} rest={rest} params={route.params} />
      </main>
    </>
  )
}

function BotList({ bots }: { bots: Bot[] }) {
  return (
    <main id="main">
      <h1>Bots on this runtime</h1>
      <ul class="cards">
        {bots.map((bot) => <li key={bot.id}><a href={`#/${encodeURIComponent(bot.id)}`}>{bot.title ?? bot.id}</a><p>{bot.description}</p></li>)}
      </ul>
    </main>
  )
}
