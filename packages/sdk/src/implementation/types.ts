import type { StateType } from '../definitions/entities.js'

/** An action's input and output, as plain types. */
export interface ActionTypes {
  readonly input: object
  readonly output: object
}

/** A state's owner kind and payload, as plain types. */
export interface StateTypes {
  readonly type: StateType
  readonly payload: object
}

/** A workflow's input and output, as plain types. */
export interface WorkflowTypes {
  readonly input: object
  readonly output: object
}

/**
 * Everything an implementation's handlers are typed by: `parley gen` writes one of these for the
 * project as a plain object type, and `Bot`, `Plugin` and `Integration` take it as their parameter.
 * Every name is written the way the project's own code writes it (a plugin's own names are bare).
 */
export interface ImplementationTypes {
  readonly configuration: object
  /** Actions this implementation implements. */
  readonly actions: Readonly<Record<string, ActionTypes>>
  /** Actions `client.callAction` may call (own ones, `alias:name` of packages and interfaces). */
  readonly callableActions: Readonly<Record<string, ActionTypes>>
  /** Events this code may emit, and handle, by payload. */
  readonly events: Readonly<Record<string, object>>
  readonly states: Readonly<Record<string, StateTypes>>
  /** Table rows by table name. */
  readonly tables: Readonly<Record<string, object>>
  readonly workflows: Readonly<Record<string, WorkflowTypes>>
  /** Message payloads by message type. */
  readonly messages: Readonly<Record<string, object>>
  /** A plugin's interface dependencies by alias, then action. Empty for a bot. */
  readonly interfaces: Readonly<Record<string, Readonly<Record<string, ActionTypes>>>>
  /** Integrations by alias (the bot's, or a plugin's direct dependencies), then action. */
  readonly integrations: Readonly<Record<string, Readonly<Record<string, ActionTypes>>>>
  /** Channels of the plugin's dependencies, by alias, then channel, then message type: what `conversations.<alias>.<channel>` carry. */
  readonly dependencyChannels?: Readonly<Record<string, Readonly<Record<string, Readonly<Record<string, object>>>>>>
}

/**
 * The types of an implementation written without generated code, as in a quick script or the seed
 * examples: every name is accepted and every payload is `any`, so nothing is checked at compile time
 * (it still is at run time, against the definitions' schemas).
 */
export interface LooseTypes extends ImplementationTypes {
  /** Marks these types as loose, so results whose shape untyped code commonly guesses are `any`. */
  readonly loose: true
  readonly configuration: Record<string, any> // any: nothing is known without generated types
  readonly actions: Record<string, { input: any; output: any }> // any: as above
  readonly callableActions: Record<string, { input: any; output: any }> // any: as above
  readonly events: Record<string, any> // any: as above
  readonly states: Record<string, { type: StateType; payload: any }> // any: as above
  readonly tables: Record<string, any> // any: as above
  readonly workflows: Record<string, { input: any; output: any }> // any: as above
  readonly messages: Record<string, any> // any: as above
  readonly interfaces: Record<string, Record<string, { input: any; output: any }>> // any: as above
  readonly integrations: Record<string, Record<string, { input: any; output: any }>> // any: as above
}

/** `Loose` for {@link LooseTypes}, `Strict` for generated types. */
export type IfLoose<T, Loose, Strict> = T extends { readonly loose: true } ? Loose : Strict

/** Names of a record type as strings (never symbols or numbers). */
export type NameOf<T> = Extract<keyof T, string>

/** The types of an implementation that declares nothing: no actions, events, states, … */
export interface EmptyTypes extends ImplementationTypes {
  readonly configuration: {}
  readonly actions: {}
  readonly callableActions: {}
  readonly events: {}
  readonly states: {}
  readonly tables: {}
  readonly workflows: {}
  readonly messages: {}
  readonly interfaces: {}
  readonly integrations: {}
}

/**
 * Implementation types from some of their members, the rest empty, as Botpress's `DefaultPlugin`
 * completes a plugin's types: `DefaultPlugin<{ actions: { track: … } }>`.
 */
export type DefaultTypes<T extends Partial<ImplementationTypes>> = {
  readonly [K in keyof EmptyTypes]: K extends keyof T ? Exclude<T[K], undefined> : EmptyTypes[K]
} & Omit<T, keyof EmptyTypes>

/** @see DefaultTypes */
export type DefaultPlugin<T extends Partial<ImplementationTypes>> = DefaultTypes<T>
/** @see DefaultTypes */
export type DefaultBot<T extends Partial<ImplementationTypes>> = DefaultTypes<T>
