import type { Client } from './client.js'
import type { Context } from './context.js'
import type { Logger } from './proxies.js'
import type { Conversation, Message, Tags, User } from './records.js'
import type { ActionTypes, IfLoose, ImplementationTypes, LooseTypes, NameOf } from './types.js'

/** An integration's types: those of any implementation, plus its secrets and its channels' messages. */
export interface IntegrationTypes extends ImplementationTypes {
  readonly secrets: Readonly<Record<string, string | undefined>>
  /** Channel name → message type → payload. */
  readonly channels: Readonly<Record<string, Readonly<Record<string, object>>>>
}

export interface LooseIntegrationTypes extends LooseTypes {
  readonly secrets: Record<string, string | undefined>
  readonly channels: Record<string, Record<string, any>> // any: nothing is known without generated types
}

export interface IntegrationHandlerProps<T extends IntegrationTypes> {
  readonly ctx: Context
  readonly client: Client<T>
  readonly logger: Logger
  readonly configuration: T['configuration']
  readonly secrets: T['secrets']
}

export interface IntegrationActionProps<T extends IntegrationTypes, K extends NameOf<T['actions']>> extends IntegrationHandlerProps<T> {
  readonly type: string
  readonly input: T['actions'][K]['input']
}

/** An HTTP request to the integration's webhook URL, with the raw body for signature checks. */
export interface WebhookRequest {
  readonly method: string
  readonly path: string
  readonly query: Readonly<Record<string, string>>
  readonly headers: Readonly<Record<string, string>>
  readonly body: string
}

export interface WebhookResponse {
  readonly status?: number
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string
}

export interface WebhookHandlerProps<T extends IntegrationTypes> extends IntegrationHandlerProps<T> {
  readonly req: WebhookRequest
}

/** Delivers one outgoing message to the outside service. */
export interface ChannelMessageProps<T extends IntegrationTypes, TPayload> extends IntegrationHandlerProps<T> {
  readonly type: string
  readonly payload: TPayload
  readonly message: Message
  readonly conversation: Conversation
  readonly user: User
  /** Records what the service assigned (e.g. its own message id) as tags on the message. */
  readonly ack: (result: { readonly tags: Tags }) => Promise<void>
}

type IntegrationActionHandler<T extends IntegrationTypes, K extends NameOf<T['actions']>> = (props: IntegrationActionProps<T, K>) => Promise<T['actions'][K]['output']> | T['actions'][K]['output']

// Loose types take any name; a mapped type over `string` would type each handler by its own key.
type IntegrationActionHandlers<T extends IntegrationTypes> = IfLoose<T, Readonly<Record<string, IntegrationActionHandler<T, NameOf<T['actions']>>>>, {
  readonly [K in NameOf<T['actions']>]: IntegrationActionHandler<T, K>
}>

type ChannelHandlers<T extends IntegrationTypes> = {
  readonly [C in NameOf<T['channels']>]: {
    readonly messages: {
      readonly [M in NameOf<T['channels'][C]>]: (props: ChannelMessageProps<T, T['channels'][C][M]>) => Promise<void> | void
    }
  }
}

export interface IntegrationImplementationProps<T extends IntegrationTypes> {
  readonly actions: IntegrationActionHandlers<T>
  readonly channels: ChannelHandlers<T>
  /** Handles requests to the integration's webhook: turn them into users, conversations, messages and events. */
  readonly handler?: (props: WebhookHandlerProps<T>) => Promise<WebhookResponse | void> | WebhookResponse | void
  /** Runs when a bot with this integration starts: check credentials, subscribe to the service. */
  readonly register?: (props: IntegrationHandlerProps<T> & { readonly webhookUrl: string }) => Promise<void> | void
  readonly unregister?: (props: IntegrationHandlerProps<T> & { readonly webhookUrl: string }) => Promise<void> | void
}

/**
 * What an integration does: its actions, how it delivers each channel's messages, and its webhook.
 *
 * @example
 * export default new IntegrationImplementation({
 *   actions: { generateContent: async ({ input }) => ({ … }) },
 *   channels: {},
 *   handler: async ({ req, client }) => ({ status: 200 }),
 * })
 */
export class IntegrationImplementation<T extends IntegrationTypes = LooseIntegrationTypes> {
  readonly kind = 'integrationImplementation' as const
  readonly actions: IntegrationActionHandlers<T>
  readonly channels: ChannelHandlers<T>
  readonly handler: IntegrationImplementationProps<T>['handler']
  readonly register: IntegrationImplementationProps<T>['register']
  readonly unregister: IntegrationImplementationProps<T>['unregister']

  constructor(props: IntegrationImplementationProps<T>) {
    this.actions = props.actions
    this.channels = props.channels
    this.handler = props.handler
    this.register = props.register
    this.unregister = props.unregister
  }
}

/** @see IntegrationImplementation */
export const Integration = IntegrationImplementation
export type Integration<T extends IntegrationTypes = LooseIntegrationTypes> = IntegrationImplementation<T>

export type { ActionTypes }
