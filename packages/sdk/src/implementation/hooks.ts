import type { CommonHandlerProps, EventOf, MessageOf, PayloadAmongAll } from './props.js'
import type { Conversation, Message, Tags, User } from './records.js'
import type { IfLoose, ImplementationTypes, NameOf } from './types.js'

/** A message the bot is about to send, before it is stored and delivered. */
export interface OutgoingMessage<TType extends string = string, TPayload = unknown> {
  readonly type: TType
  readonly payload: TPayload
  readonly conversationId: string
  readonly userId?: string
  tags: Tags
}

type Callable<T extends ImplementationTypes> = T['callableActions']
type Own<T extends ImplementationTypes> = T['actions']
type ActionCall<R extends Readonly<Record<string, { input: object; output: object }>>, K, F extends 'input' | 'output'> = {
  [A in K extends '*' ? NameOf<R> : K & string]: { readonly type: A } & { readonly [P in F]: R[A][F] }
}[K extends '*' ? NameOf<R> : K & string]

/** What each hook receives as `data`, for a selector `K` (a message type, event type or action name, or `'*'`). */
export interface HookData<T extends ImplementationTypes, K> {
  beforeIncomingMessage: MessageOf<T, K>
  afterIncomingMessage: MessageOf<T, K>
  beforeIncomingEvent: EventOf<T, K>
  afterIncomingEvent: EventOf<T, K>
  beforeOutgoingMessage: { [M in K extends '*' ? NameOf<T['messages']> : K & string]: OutgoingMessage<M, K extends '*' ? PayloadAmongAll<T, M> : T['messages'][M]> }[K extends '*' ? NameOf<T['messages']> : K & string]
  /** The message sent; also as `message`, as Botpress's hook receives it. */
  afterOutgoingMessage: MessageOf<T, K> & { readonly message: MessageOf<T, K> }
  beforeOutgoingCallAction: ActionCall<Callable<T>, K, 'input'>
  afterOutgoingCallAction: ActionCall<Callable<T>, K, 'output'>
  beforeIncomingCallAction: ActionCall<Own<T>, K, 'input'>
  afterIncomingCallAction: ActionCall<Own<T>, K, 'output'>
}

export type HookKind = keyof HookData<LooseHookTypes, '*'>
type LooseHookTypes = ImplementationTypes

/** Which names a hook's selector ranges over. */
export interface HookSelectors<T extends ImplementationTypes> {
  beforeIncomingMessage: NameOf<T['messages']>
  afterIncomingMessage: NameOf<T['messages']>
  beforeIncomingEvent: NameOf<T['events']>
  afterIncomingEvent: NameOf<T['events']>
  beforeOutgoingMessage: NameOf<T['messages']>
  afterOutgoingMessage: NameOf<T['messages']>
  beforeOutgoingCallAction: NameOf<T['callableActions']>
  afterOutgoingCallAction: NameOf<T['callableActions']>
  beforeIncomingCallAction: NameOf<T['actions']>
  afterIncomingCallAction: NameOf<T['actions']>
}

/** Incoming message hooks also get the message's user and conversation, as message handlers do. */
type MessageContext<T extends ImplementationTypes, H extends HookKind> = H extends `${string}IncomingMessage`
  ? IfLoose<T, { readonly user?: User; readonly conversation?: Conversation }, { readonly user: User; readonly conversation: Conversation }>
  : {}

/** Message hooks also name their data `message`, as handlers do. */
type MessageAlias<H extends HookKind, D> = H extends `${string}Message` ? { readonly message: D } : {}

export type HookHandlerProps<T extends ImplementationTypes, H extends HookKind, K = '*'> = CommonHandlerProps<T> & {
  readonly data: HookData<T, K>[H]
} & MessageAlias<H, HookData<T, K>[H]> & MessageContext<T, H>

/**
 * What a hook may return: nothing (carry on with the data as it is, including in-place changes),
 * `{ data }` to replace it, `{ data, stop: true }` to replace it and stop the chain there, or
 * `{ stop: true }` to stop with the data as it is (`{ stop: false }` carries on, as Botpress writes it).
 */
export type HookResult<D> = void | undefined | { readonly data?: D; readonly stop?: boolean }

export type Hook<T extends ImplementationTypes, H extends HookKind, K = '*'> = (
  props: HookHandlerProps<T, H, K>,
) => Promise<HookResult<HookData<T, K>[H]>> | HookResult<HookData<T, K>[H]>

export type { Message }
