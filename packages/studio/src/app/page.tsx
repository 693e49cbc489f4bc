import { ApiPage } from '../pages/api-doc.js'
import { BotPage } from '../pages/bot/bot-page.js'
import { ConversationPage } from '../pages/conversation/conversation-page.js'
import { ConversationsPage } from '../pages/conversations/conversations-page.js'
import { EventsPage } from '../pages/events/events-page.js'
import { LogsPage } from '../pages/logs/logs-page.js'
import { PluginPageView } from '../pages/plugin-pages/plugin-page-view.js'
import { StatesPage } from '../pages/states/states-page.js'
import { TablesPage } from '../pages/tables/tables-page.js'
import { WorkflowsPage } from '../pages/workflows/workflows-page.js'
import { Empty } from '../ui/notes.js'

export interface PageProps {
  readonly botId: string
  readonly rest: readonly string[]
  readonly params: URLSearchParams
}

/** The view a route names. */
export function Page({ section, ...props }: PageProps & { section: string }) {
  switch (section) {
    case '': return <BotPage {...props} />
    case 'conversations': return props.rest[0] ? <ConversationPage {...props} conversationId={props.rest[0]} /> : <ConversationsPage {...props} />
    case 'states': return <StatesPage {...props} />
    case 'tables': return <TablesPage {...props} />
    case 'events': return <EventsPage {...props} />
    case 'workflows': return <WorkflowsPage {...props} />
    case 'logs': return <LogsPage {...props} />
    case 'api': return <ApiPage />
    case 'pages': return <PluginPageView {...props} />
    default: return <Empty>There is no page “{section}”. Pick one from the menu above.</Empty>
  }
}
