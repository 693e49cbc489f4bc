import { AsyncCollection } from '@parley/sdk'
import type {
  ActionableConversation, ActionableMessage, ActionableUser, ActionableWorkflow, Client, Conversation, Message, Tags, User, WorkflowInstance,
} from '@parley/sdk'
import { defined } from '../engine/records.js'
import { paged } from './pages.js'

// Records as Botpress's props hand them out: the record's fields, and methods that act on it through the
// client of the handler that got it (so writes join that handler's turn).

type Input = Record<string, unknown>

export function actionableUser(client: Client, user: User): ActionableUser {
  return {
    ...user,
    tags: tagsOf(user.tags),
    update: async (changes) => actionableUser(client, (await client.updateUser({ id: user.id, ...changes })).user),
    delete: async () => client.deleteUser({ id: user.id }),
    addToConversation: async ({ conversationId }) => actionableUser(client, (await client.addParticipant({ id: conversationId, userId: user.id })).participant),
    removeFromConversation: async ({ conversationId }) => (await client.removeParticipant({ id: conversationId, userId: user.id }), actionableUser(client, user)),
  }
}

export function actionableMessage(client: Client, message: Message): ActionableMessage {
  return {
    ...message,
    tags: tagsOf(message.tags),
    update: async (changes) => actionableMessage(client, (await client.updateMessage({ id: message.id, tags: changes.tags ?? {} })).message),
    delete: async () => client.deleteMessage({ id: message.id }),
  }
}

/** The integration alias of a channel written `alias:channel` (none for the web chat). */
export const integrationOf = (channel: string): string => (channel.includes(':') ? channel.slice(0, channel.indexOf(':')) : '')

export function actionableConversation(client: Client, conversation: Conversation): ActionableConversation {
  const { id } = conversation
  const send = async (request: { type: string; payload: object; userId?: string; tags?: Tags }) =>
    actionableMessage(client, (await client.createMessage({ ...request, conversationId: id } as never)).message)
  const listMessages = (request: { tags?: Tags } = {}) => paged(
    async (window) => (await client.listMessages({ conversationId: id, ...window })).messages,
    (messages) => messages.filter((m) => hasTags(m.tags, request.tags)).map((m) => actionableMessage(client, m)),
  )
  return {
    ...conversation,
    tags: tagsOf(conversation.tags),
    integration: integrationOf(conversation.channel),
    update: async (changes) => actionableConversation(client, (await client.updateConversation({ id, ...changes })).conversation),
    delete: async () => client.deleteConversation({ id: conversation.id }),
    createMessage: send,
    send,
    getMessage: async ({ id: messageId }) => actionableMessage(client, (await client.getMessage({ id: messageId })).message),
    getOrCreateMessage: async (request) => {
      const wanted = pick(request.tags, request.discriminateByTags ?? Object.keys(request.tags))
      const found = await listMessages({ tags: wanted }).take(1)
      return found[0] ?? send(request)
    },
    listMessages,
    getMessages: listMessages,
    listParticipants: () => new AsyncCollection(async (nextToken) => {
      const page = await client.listParticipants({ id, ...(nextToken === undefined ? {} : { nextToken }) })
      return { items: page.participants.map((user) => actionableUser(client, user)), meta: page.meta }
    }),
  }
}

export function actionableWorkflow(client: Client, workflow: WorkflowInstance): ActionableWorkflow {
  const next = async (request: Input) => ({ workflow: actionableWorkflow(client, (await client.updateWorkflow({ ...request, id: workflow.id })).workflow) })
  return {
    ...workflow,
    output: (workflow.output ?? {}) as Input,
    tags: tagsOf(workflow.tags ?? {}),
    update: ({ output, tags, timeoutAt }) => next(defined({ output, tags, timeoutAt })),
    setCompleted: (request = {}) => next(defined({ status: 'completed', output: request.output })),
    setFailed: ({ failureReason }) => next({ status: 'failed', error: failureReason }),
    cancel: () => next({ status: 'cancelled' }),
    // The runtime marks a run in progress before its `workflowStart` handlers run, so there is nothing
    // left to acknowledge: this gives the run as it now is.
    acknowledgeStartOfProcessing: async () => ({ workflow: actionableWorkflow(client, (await client.getWorkflow({ id: workflow.id })).workflow) }),
  }
}

function tagsOf(tags: Tags): Readonly<Record<string, string>> {
  return Object.fromEntries(Object.entries(tags).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
}

export function hasTags(tags: Tags, wanted: Tags | undefined): boolean {
  return Object.entries(wanted ?? {}).every(([name, value]) => tags[name] === value)
}

function pick(tags: Tags, names: readonly string[]): Tags {
  return Object.fromEntries(names.map((name) => [name, tags[name]]))
}
