import type { AsyncCollection } from './collections.js'
import type { Conversation, Message, Tags, User, WorkflowInstance, WorkflowStatus } from './records.js'

// Records as Botpress's handler props hand them out: the record's fields, and methods acting on it.
// The `T…Tags` parameters are the tag names the package declares, so `update({ tags })` is checked.

/**
 * A record's tags as read: strings by name (absent ones read `undefined` under
 * `noUncheckedIndexedAccess`). `TNames` documents the declared names; any name may be read.
 */
// eslint-disable-next-line @typescript-eslint/no-unused-vars
export type TagsOf<TNames extends string = string> = Readonly<Record<string, string>>

/** A message with its own update and delete. */
export type ActionableMessage<TMessage extends Message = Message, TMessageTags extends string = string> = TMessage & {
  readonly tags: TagsOf<TMessageTags>
  update(request: { readonly tags: Tags }): Promise<ActionableMessage<TMessage, TMessageTags>>
  delete(): Promise<void>
}

/** What a message to send carries, for a channel's message types (`{ type: 'text', payload: { text } }`). */
export type MessageToSend<TMessages extends Readonly<Record<string, object>>> = {
  [M in Extract<keyof TMessages, string>]: { readonly type: M; readonly payload: TMessages[M] }
}[Extract<keyof TMessages, string>]

/** A conversation with methods for its messages, tags and participants. */
export type ActionableConversation<
  TMessages extends Readonly<Record<string, object>> = Readonly<Record<string, object>>,
  TConversationTags extends string = string,
  TMessageTags extends string = string,
> = Omit<Conversation, 'tags'> & {
  readonly tags: TagsOf<TConversationTags>
  /** The alias of the integration whose channel it is on (empty for the web chat). */
  readonly integration: string
  update(request: { readonly tags?: Tags }): Promise<ActionableConversation<TMessages, TConversationTags, TMessageTags>>
  delete(): Promise<void>
  /** Sends a message from the bot (through the outgoing-message hooks). */
  createMessage(request: MessageToSend<TMessages> & { readonly userId?: string; readonly tags?: Tags }): Promise<ActionableMessage<Message, TMessageTags>>
  /** The same as {@link createMessage}. */
  send(request: MessageToSend<TMessages> & { readonly userId?: string; readonly tags?: Tags }): Promise<ActionableMessage<Message, TMessageTags>>
  getMessage(request: { readonly id: string }): Promise<ActionableMessage<Message, TMessageTags>>
  getOrCreateMessage(request: MessageToSend<TMessages> & { readonly userId: string; readonly tags: Tags; readonly discriminateByTags?: readonly string[] }): Promise<ActionableMessage<Message, TMessageTags>>
  /** Messages, newest first. */
  listMessages(request?: { readonly tags?: Tags }): AsyncCollection<ActionableMessage<Message, TMessageTags>>
  /** The same as {@link listMessages}. */
  getMessages(request?: { readonly tags?: Tags }): AsyncCollection<ActionableMessage<Message, TMessageTags>>
  listParticipants(): AsyncCollection<ActionableUser>
}

/** A user with methods to update it and manage its conversations. */
export type ActionableUser<TUserTags extends string = string> = Omit<User, 'tags'> & {
  readonly tags: TagsOf<TUserTags>
  update(request: { readonly name?: string; readonly pictureUrl?: string; readonly tags?: Tags }): Promise<ActionableUser<TUserTags>>
  delete(): Promise<void>
  addToConversation(request: { readonly conversationId: string }): Promise<ActionableUser<TUserTags>>
  removeFromConversation(request: { readonly conversationId: string }): Promise<ActionableUser<TUserTags>>
}

/** Workflow statuses, Parley's and Botpress's spellings. */
export type AnyWorkflowStatus = WorkflowStatus | 'listening' | 'paused' | 'timedout'

/** A workflow instance with the methods that move it on. */
export type ActionableWorkflow<TName extends string = string, TInput = unknown, TOutput = unknown, TTags extends string = string> =
  Omit<WorkflowInstance<TName, TInput, TOutput>, 'output'> & {
    readonly output: Partial<TOutput>
    readonly tags: TagsOf<TTags>
    /** Changes the instance's output, tags or timeout; it goes on running. */
    update(request: { readonly output?: TOutput; readonly tags?: Tags; readonly userId?: string; readonly timeoutAt?: string }): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput, TTags> }>
    /** Finishes the instance with its output. */
    setCompleted(request?: { readonly output?: TOutput }): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput, TTags> }>
    /** Finishes the instance as failed, with the reason. */
    setFailed(request: { readonly failureReason: string }): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput, TTags> }>
    /** Stops the instance, discarding its output. */
    cancel(): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput, TTags> }>
    /** Marks a pending instance as started, so it is not started again. */
    acknowledgeStartOfProcessing(): Promise<{ workflow: ActionableWorkflow<TName, TInput, TOutput, TTags> }>
  }
