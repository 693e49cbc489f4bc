import type { BotApi } from '../../api/studio.js'
import type { PluginPage } from '../../api/types.js'
import { href } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { Empty, Show } from '../../ui/notes.js'

/** The pages the bot's plugins add (a plugin folder's under its name), by the group each registered, each opening inside the Studio. */
export function PluginPageList({ api, botId }: { api: BotApi; botId: string }) {
  const [pages, reload] = useAsync(() => api.pluginPages(), [api])
  return (
    <section aria-labelledby="plugin-pages-title">
      <h2 id="plugin-pages-title">Plugin pages</h2>
      <Show loaded={pages} what="the plugins' pages" retry={reload}>
        {({ pages: list }) => list.length === 0 ? <Empty>No plugin adds a page. A plugin adds one with <code>pages</code> (or <code>adminPages</code> in <code>createPlugin</code>); a plugin folder's <code>routes.py</code> adds its GET routes.</Empty> : (
          <div class="page-groups">
            {[...groups(list)].map(([group, members]) => (
              <nav key={group} aria-label={`${group} pages`}>
                <h3>{group}</h3>
                <ul>{members.map((page) => <li key={`${page.pluginId}/${page.path}`}><a href={pageHref(botId, page)}><PageIcon page={page} />{page.title}</a> <small>{page.pluginId}</small></li>)}</ul>
              </nav>
            ))}
          </div>
        )}
      </Show>
    </section>
  )
}

export function pageHref(botId: string, page: PluginPage): string {
  return href([botId, 'pages', page.pluginId], { path: page.path })
}

/** An icon given as a short text (an emoji, a letter) is shown; a named one (`chart-bar`) is left to its title. */
export function PageIcon({ page }: { page: PluginPage }) {
  return page.icon && [...page.icon].length <= 2 ? <span class="page-icon" aria-hidden="true">{page.icon} </span> : null
}

function groups(pages: readonly PluginPage[]): Map<string, PluginPage[]> {
  const byGroup = new Map<string, PluginPage[]>()
  for (const page of pages) {
    const group = page.group || page.pluginId
    byGroup.set(group, [...(byGroup.get(group) ?? []), page])
  }
  return byGroup
}
