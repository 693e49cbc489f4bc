import type { Message } from '@parley/sdk'
import type { Runtime } from '../index.js'
import type { HostedBot, MessageListener, RuntimeHost } from './host.js'

/** What the chat page and `GET /v1/bots` show about a bot beside its id. */
export interface BotInfo {
  readonly title?: string
  readonly description?: string
}

/** A host over runtimes of this process, whose bots can be swapped while the server runs. */
export interface RuntimesHost extends RuntimeHost {
  /**
   * Serves the runtime under its bot id, replacing the one served under that id before. Open event
   * streams carry on with the new runtime, so `parley dev` can reload a bot under a connected chat.
   */
  serve(runtime: Runtime, info?: BotInfo): void
  /** Stops serving a bot; its open streams stay open and get messages again if it is served anew. */
  remove(botId: string): void
}

export function createRuntimesHost(): RuntimesHost {
  const bots = new Map<string, { bot: HostedBot; detach: () => void }>()
  const listeners = new Map<string, ConversationListeners>()
  const listenersOf = (botId: string) => listeners.get(botId) ?? listeners.set(botId, conversationListeners()).get(botId)!
  return {
    bots: () => [...bots.values()].map((entry) => entry.bot),
    bot: (id) => bots.get(id)?.bot,
    serve: (runtime, info = {}) => {
      bots.get(runtime.botId)?.detach()
      const conversations = listenersOf(runtime.botId)
      const detach = runtime.onMessage(conversations.publish)
      bots.set(runtime.botId, { bot: hostedBot(runtime, info, conversations), detach })
    },
    remove: (botId) => {
      bots.get(botId)?.detach()
      bots.delete(botId)
    },
  }
}

function hostedBot(runtime: Runtime, info: BotInfo, conversations: ConversationListeners): HostedBot {
  return {
    id: runtime.botId,
    ...info,
    client: runtime.client(),
    studio: runtime.studio,
    receiveMessage: async (message) => ({ message: (await runtime.receiveMessage(message)).message }),
    subscribe: conversations.subscribe,
    handleWebhook: (alias, request) => runtime.handleWebhook(alias, request),
  }
}

/** Listeners by conversation, so each message the bot sends reaches only its own conversation's streams. */
interface ConversationListeners {
  readonly publish: (message: Message) => void
  readonly subscribe: (conversationId: string, listener: MessageListener) => () => void
}

function conversationListeners(): ConversationListeners {
  const byConversation = new Map<string, Set<MessageListener>>()
  return {
    publish: (message) => byConversation.get(message.conversationId)?.forEach((listener) => listener(message)),
    subscribe: (conversationId, listener) => {
      const set = byConversation.get(conversationId) ?? byConversation.set(conversationId, new Set()).get(conversationId)!
      set.add(listener)
      return () => {
        set.delete(listener)
        if (set.size === 0 && byConversation.get(conversationId) === set) byConversation.delete(conversationId)
      }
    },
  }
}
