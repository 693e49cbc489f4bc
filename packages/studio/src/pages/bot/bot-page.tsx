import { useMemo } from 'preact/hooks'
import { botApi } from '../../api/studio.js'
import type { Bot, Overview, PackageInfo } from '../../api/types.js'
import type { PageProps } from '../../app/page.js'
import { useAsync } from '../../ui/async.js'
import { JsonView } from '../../ui/json-view.js'
import { Empty, Show } from '../../ui/notes.js'
import { PluginPageList } from '../plugin-pages/plugin-page-list.js'
import { Metrics } from './metrics.js'

export function BotPage({ botId }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [loaded, reload] = useAsync(() => Promise.all([api.bot(), api.overview()]), [api])
  return (
    <>
      <Show loaded={loaded} what="the bot" retry={reload}>{([{ bot }, overview]) => <Summary bot={bot} overview={overview} />}</Show>
      <PluginPageList api={api} botId={botId} />
      <Metrics api={api} />
    </>
  )
}

function Summary({ bot, overview }: { bot: Bot; overview: Overview }) {
  return (
    <>
      <h1>{bot.title ?? bot.id}</h1>
      {bot.description && <p>{bot.description}</p>}
      <p class="counts">{overview.states.length} states · {overview.tables.length} tables · {overview.events.length} events · {overview.actions.length} actions · {overview.workflows.length} workflows</p>
      <Packages title="Plugins" items={overview.plugins} none="No plugins: add one with `parley add <package>`." />
      <Packages title="Integrations" items={overview.integrations} none="No integrations: add one with `parley add <package>`." />
    </>
  )
}

function Packages({ title, items, none }: { title: string; items: PackageInfo[]; none: string }) {
  return (
    <section aria-label={title}>
      <h2>{title}</h2>
      {items.length === 0 ? <Empty>{none}</Empty> : (
        <ul class="cards">{items.map((item) => <PackageCard key={item.alias} item={item} />)}</ul>
      )}
    </section>
  )
}

function PackageCard({ item }: { item: PackageInfo }) {
  return (
    <li>
      <h3>{item.alias} <small>{item.name}@{item.version}</small></h3>
      <details>
        <summary>Configuration</summary>
        <JsonView value={item.configuration} label={`Configuration of ${item.alias}`} />
      </details>
    </li>
  )
}
