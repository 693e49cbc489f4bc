import { enc, query, request } from './http.js'
import type { Bot, Conversation, Job, JobStatus, Json, LogLine, Message, MetricBucket, Overview, ParleyEvent, PluginPage, Row, State, StateType, TimelineEntry, Trace, User, Workflow } from './types.js'

// Every call the Studio makes, each to the runtime that served it.

export const session = {
  get: () => request<{ scope: string }>('GET', '/v1/studio/session'),
  open: (token: string) => request<{ scope: string }>('POST', '/v1/studio/session', { token }),
  close: () => request<void>('DELETE', '/v1/studio/session'),
}

export const listBots = () => request<{ bots: Bot[] }>('GET', '/v1/bots')

/** The calls about one bot. */
export function botApi(botId: string) {
  const bot = `/v1/bots/${enc(botId)}`
  const studio = `${bot}/studio`
  return {
    bot: () => request<{ bot: Bot }>('GET', bot),
    overview: () => request<Overview>('GET', `${studio}/overview`),
    pluginPages: () => request<{ pages: PluginPage[] }>('GET', `${bot}/plugins/pages`),
    /** The page's HTML as the studio frames it: sandboxed, behind the session. */
    pluginPageUrl: (page: PluginPage) => `${studio}/plugin-pages/${enc(page.pluginId)}${query({ path: page.path })}`,
    metrics: (minutes: number) => request<{ buckets: MetricBucket[] }>('GET', `${studio}/metrics${query({ minutes })}`),
    conversations: (filter: { userId?: string; tags?: Record<string, string>; from?: string; to?: string; limit?: number }) =>
      request<{ conversations: Conversation[] }>('GET', `${studio}/conversations${query(filter)}`),
    conversation: (id: string) => request<{ conversation: Conversation }>('GET', `${bot}/conversations/${enc(id)}`),
    messages: (conversationId: string) => request<{ messages: Message[] }>('GET', `${bot}/conversations/${enc(conversationId)}/messages${query({ limit: 200 })}`),
    turns: (conversationId: string) => request<{ turns: Trace[] }>('GET', `${studio}/conversations/${enc(conversationId)}/turns${query({ limit: 200 })}`),
    turn: (turnId: string) => request<{ turn: Trace }>('GET', `${studio}/turns/${enc(turnId)}`),
    user: (id?: string) => request<{ user: User }>('POST', `${bot}/users`, id ? { id } : { name: 'Studio user' }),
    openConversation: () => request<{ conversation: Conversation }>('POST', `${bot}/conversations`, {}),
    sendAsUser: (conversationId: string, userId: string, text: string) =>
      request<{ message: Message }>('POST', `${bot}/messages/incoming`, { conversationId, userId, type: 'text', payload: { text } }),
    messageStreamUrl: (conversationId: string) => `${bot}/conversations/${enc(conversationId)}/stream`,
    states: (filter: { type?: string; id?: string; name?: string; limit?: number }) => request<{ states: State[] }>('GET', `${studio}/states${query(filter)}`),
    writeState: (state: { type: StateType; id: string; name: string }, payload: Json) =>
      request<{ state: State }>('PUT', `${bot}/states/${enc(state.type)}/${enc(state.id)}/${enc(state.name)}`, { payload }),
    findRows: (table: string, body: { filter?: Json; orderBy?: { column: string; direction: 'asc' | 'desc' }[]; limit: number; offset: number }) =>
      request<{ rows: Row[]; total: number }>('POST', `${bot}/tables/${enc(table)}/rows/find`, body),
    createRow: (table: string, row: Json) => request<{ rows: Row[] }>('POST', `${bot}/tables/${enc(table)}/rows`, { rows: [row] }),
    updateRow: (table: string, id: number, patch: Json) => request<{ rows: Row[] }>('POST', `${bot}/tables/${enc(table)}/rows/update`, { ids: [id], patch }),
    deleteRow: (table: string, id: number) => request<{ deleted: number }>('POST', `${bot}/tables/${enc(table)}/rows/delete`, { ids: [id] }),
    events: (filter: { type?: string; conversationId?: string; limit?: number }) => request<{ events: ParleyEvent[] }>('GET', `${bot}/events${query(filter)}`),
    jobs: (status: JobStatus) => request<{ jobs: Job[] }>('GET', `${studio}/jobs${query({ status })}`),
    retryJob: (id: number) => request<{ job: Job }>('POST', `${studio}/jobs/${enc(id)}/retry`),
    cancelJob: (id: number) => request<void>('DELETE', `${studio}/jobs/${enc(id)}`),
    workflows: (filter: { name?: string; status?: string }) => request<{ workflows: Workflow[] }>('GET', `${bot}/workflows${query(filter)}`),
    timeline: (id: string) => request<{ workflow: Workflow; entries: TimelineEntry[] }>('GET', `${studio}/workflows/${enc(id)}/timeline`),
    logs: (filter: LogFilter & { limit?: number }) => request<{ logs: LogLine[] }>('GET', `${studio}/logs${query({ ...filter })}`),
    logStreamUrl: (filter: LogFilter) => `${studio}/stream/logs${query({ ...filter })}`,
    turnStreamUrl: () => `${studio}/stream/turns`,
  }
}

export type BotApi = ReturnType<typeof botApi>

export interface LogFilter { level?: string; source?: string; conversationId?: string }
