import { useMemo } from 'preact/hooks'
import { botApi } from '../../api/studio.js'
import type { PageProps } from '../../app/page.js'
import { href } from '../../app/router.js'
import { useAsync } from '../../ui/async.js'
import { Empty, Show } from '../../ui/notes.js'
import { PageIcon } from './plugin-page-list.js'

/**
 * A plugin's page inside the Studio: framed from this runtime behind the session, sandboxed by the
 * runtime's answer and by the frame, so its scripts run in an origin of their own and cannot reach the
 * Studio, its cookie or its data.
 */
export function PluginPageView({ botId, rest, params }: PageProps) {
  const api = useMemo(() => botApi(botId), [botId])
  const [pages, reload] = useAsync(() => api.pluginPages(), [api])
  const pluginId = rest[0]
  const path = params.get('path')
  const back = <a href={href([botId])}>Back to the bot's pages</a>
  return (
    <Show loaded={pages} what="the plugin's page" retry={reload}>
      {({ pages: list }) => {
        const page = list.find((entry) => entry.pluginId === pluginId && entry.path === path)
        if (!page) return <Empty>Plugin “{pluginId}” adds no page “{path}” (any more). {back}</Empty>
        return (
          <>
            <p class="crumbs">{back} · {page.group || page.pluginId}</p>
            <h1><PageIcon page={page} />{page.title} <small>{page.pluginId}</small></h1>
            <iframe class="plugin-page" title={page.title} src={api.pluginPageUrl(page)} sandbox="allow-scripts allow-forms allow-popups" referrerpolicy="no-referrer" />
          </>
        )
      }}
    </Show>
  )
}
