import type { ImplementationTypes, NameOf } from './types.js'

/**
 * Whether a name is one the generated types cannot know, and so one the runtime checks instead: a name
 * computed at run time (typed `string`, or a template such as `` `${alias}:startHitl` ``). Names written
 * as literals are checked at compile time.
 */
export type IsComputedName<K extends string> = {} extends Record<K, 0> ? true : false

/** An action of another package addressed by the bot's name for it (`webchat:getOrCreateUser`). */
type IsForeignAction<K extends string> = K extends `${string}:${string}` ? true : false

/** A state the bot itself declares: bot states are unprefixed, another package's are its own business. */
type IsBotState<K extends string> = K extends `${string}:${string}` ? false : true

type Known<R, K extends string> = K extends NameOf<R> ? true : false
type Or<A, B> = A extends true ? true : B

/**
 * An action name the generated types cannot know, so the runtime checks it: one computed at run time,
 * or another package's action addressed by the bot's name for it (`webchat:getOrCreateUser`, as
 * Botpress plugins reach the bot's integrations). A known name is checked by the typed signature; any
 * other literal is a typo, and fails naming it.
 */
export type OpenActionName<T extends ImplementationTypes, K extends string> =
  Known<T['callableActions'], K> extends true ? never : Or<IsComputedName<K>, IsForeignAction<K>> extends true ? string : never

/** Whether the client may take a state name the types do not declare: computed, or one of the bot's own (unprefixed). */
export type IsOpenStateName<K extends string> = Or<IsComputedName<K>, IsBotState<K>>

// any: the payload of a name the generated types cannot know is checked by the runtime, not here
export type OpenPayload = any

/** An action's result: its output, which also carries itself as `output`, as Botpress code reads it. */
export type ActionResult<O> = O extends { readonly output: unknown } ? O : O & { readonly output: O }
