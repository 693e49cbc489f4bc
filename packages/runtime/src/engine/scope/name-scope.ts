import type { BotDefinition } from '@parley/sdk'

/** The kinds of prefixed entity a scope resolves. */
export type ScopedKind = 'state' | 'event' | 'action'

/**
 * How one piece of code (the bot, a plugin, an integration) names things. Each method takes a name as
 * that code writes it and returns the bot's name for it (`userSession` → `analytics:userSession` inside
 * plugin `analytics`), or throws an error naming the code and the name. `local…` go the other way, so
 * names handed to the code read as the code wrote them.
 */
export interface NameScope {
  /** `the bot`, `plugin "analytics" (alias "stats")`: who this scope belongs to. */
  readonly owner: string
  resolve(kind: ScopedKind, name: string): string
  table(name: string): string
  workflow(name: string): string
  local(kind: ScopedKind, botName: string): string
  /** The bot's names of every entity of `kind` this code may use; undefined when it may use them all (the bot). */
  reachable(kind: ScopedKind): readonly string[] | undefined
  /** Names of the entities this code reaches through proxies (`states.userSession`), as it writes them. */
  readonly own: Readonly<Record<ScopedKind, readonly string[]>>
}

/** The composed entities a scope looks names up in. */
export type Composed = Pick<BotDefinition, 'states' | 'events' | 'actions' | 'tables' | 'workflows' | 'plugins' | 'integrations'>

export const COMPOSED_KEY = { state: 'states', event: 'events', action: 'actions' } as const satisfies Record<ScopedKind, keyof Composed>
