import type { IfLoose, ImplementationTypes, NameOf } from './types.js'

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
 * How the client takes an action name: a known one with its typed input; one the types cannot know
 * with any input (Botpress plugins call the bot's integrations this way); any other literal fails,
 * naming it, since it is a typo or an action out of reach.
 */
export type ActionNameCheck<T extends ImplementationTypes, K extends string> =
  Known<T['callableActions'], K> extends true ? { readonly input: T['callableActions'][K & NameOf<T['callableActions']>]['input'] }
    : Or<IsComputedName<K>, IsForeignAction<K>> extends true ? { readonly input: OpenPayload }
      : { readonly type: NameOf<T['callableActions']> }

/** Whether the client may take a state name: known, computed, or one of the bot's own (unprefixed). */
export type IsOpenStateName<T extends ImplementationTypes, K extends string> =
  Known<T['states'], K> extends true ? false : Or<IsComputedName<K>, IsBotState<K>>

// any: the payload of a name the generated types cannot know is checked by the runtime, not here
export type OpenPayload = any

/** An action's result: its output, which also carries itself as `output`, as Botpress code reads it. */
export type ActionResult<O> = O extends { readonly output: unknown } ? O : O & { readonly output: O }

export type CallActionResult<T extends ImplementationTypes, K extends string> = IfLoose<T, OpenPayload,
  Known<T['callableActions'], K> extends true ? ActionResult<T['callableActions'][K & NameOf<T['callableActions']>]['output']> : OpenPayload>
