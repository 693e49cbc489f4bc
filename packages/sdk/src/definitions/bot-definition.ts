import { z, type ObjectSchema } from '../schema/zod.js'
import type { SchemaContext } from '../schema/schema-source.js'
import { CompositionError } from '../errors/composition-error.js'
import { compose, type OwnEntities } from '../composition/compose.js'
import type { ComposedEntities } from '../composition/composed-entities.js'
import { checkAlias } from '../composition/aliases.js'
import { parseConfiguration } from '../composition/configuration.js'
import { mapValues } from '../util/records.js'
import { resolveDependencies, type IntegrationDependency, type InterfaceDependency } from '../composition/dependencies.js'
import {
  describeOrigin, type AnyIntegrationDefinition, type AnyPluginDefinition, type IntegrationInstance, type Origin,
  type PluginInstance,
} from '../composition/instances.js'
import type {
  ActionDefinition, ConfigurationDefinition, EventDefinition, Named, RecurringEventDefinition, StateDefinition,
  TableDefinition, TagsDefinition, WorkflowDefinition,
} from './entities.js'
import type { IntegrationDefinition } from './integration-definition.js'
import { definitionOf, implementationOf, type DefinitionOf, type PackageRef } from './package-ref.js'
import type { PluginDefinition } from './plugin-definition.js'
import { checkShape } from './validation/check-shape.js'
import { checkRecurringEvents, checkTableIndexes } from './validation/check-references.js'
import { botProps } from './validation/meta-schemas.js'

/** The bot declares concrete schemas: its schema functions receive no entities. */
type NoEntities = Readonly<Record<string, never>>

export interface BotDefinitionProps<TConfig extends ObjectSchema = ObjectSchema> {
  readonly configuration?: ConfigurationDefinition<TConfig>
  readonly states?: Named<StateDefinition>
  readonly events?: Named<EventDefinition<SchemaContext<NoEntities>>>
  readonly actions?: Named<ActionDefinition<SchemaContext<NoEntities>>>
  readonly tables?: Named<TableDefinition>
  readonly workflows?: Named<WorkflowDefinition>
  readonly recurringEvents?: Named<RecurringEventDefinition>
  readonly user?: TagsDefinition
  readonly conversation?: TagsDefinition
  readonly message?: TagsDefinition
}

/** Makes a property optional when every value of it is optional (e.g. all configuration has defaults). */
type MaybeRequired<K extends string, T> = {} extends T ? { readonly [P in K]?: T } : { readonly [P in K]: T }

type PluginConfiguration<D> = D extends PluginDefinition<any, any, infer C, any, any, any> ? z.input<C> : never
type PluginDependencies<D> = D extends PluginDefinition<infer I, infer G, any, any, any, any>
  ? { readonly [K in keyof I | keyof G]: K extends keyof I ? InterfaceDependency : IntegrationDependency }
  : never
type IntegrationConfiguration<D> = D extends IntegrationDefinition<any, infer C> ? z.input<C> : never

/** The second argument of `bot.addPlugin`: configuration and dependencies are typed by the plugin's definition. */
export type AddPluginOptions<D> = { readonly alias?: string } & MaybeRequired<'configuration', PluginConfiguration<D>> &
  MaybeRequired<'dependencies', PluginDependencies<D>>

/** The second argument of `bot.addIntegration`. */
export type AddIntegrationOptions<D> = { readonly alias?: string } & MaybeRequired<'configuration', IntegrationConfiguration<D>>

/**
 * A bot: its own entities, plus the integrations and plugins it adds. After each `add…`, `states`,
 * `events`, `actions`, `channels`, `tables`, `workflows` and tags show the merged result.
 *
 * @example
 * const bot = new BotDefinition({})
 * bot.addIntegration(anthropic, { alias: 'llm', configuration: { apiKey } })
 * bot.addPlugin(analytics, { alias: 'analytics', dependencies: { llm: { integrationAlias: 'llm' } } })
 * bot.actions['analytics:trackEvent']
 */
export class BotDefinition<TConfig extends ObjectSchema = z.ZodObject<{}>> {
  readonly kind = 'bot' as const
  readonly configuration: ConfigurationDefinition<TConfig>
  readonly #own: OwnEntities
  #integrations: ReadonlyMap<string, IntegrationInstance> = new Map()
  #plugins: ReadonlyMap<string, PluginInstance> = new Map()
  #composed: ComposedEntities

  constructor(props: BotDefinitionProps<TConfig> = {}) {
    checkShape('bot', botProps, props)
    checkTableIndexes('bot', props.tables)
    checkRecurringEvents('bot', props.recurringEvents, props.events)
    this.configuration = props.configuration ?? { schema: z.object({}) as unknown as TConfig }
    this.#own = {
      states: props.states ?? {}, events: props.events ?? {}, actions: props.actions ?? {}, tables: props.tables ?? {},
      workflows: props.workflows ?? {}, recurringEvents: props.recurringEvents ?? {},
      user: props.user ?? {}, conversation: props.conversation ?? {}, message: props.message ?? {},
    }
    this.#composed = compose(this.#own, [], [])
  }

  get states(): ComposedEntities['states'] { return this.#composed.states }
  get events(): ComposedEntities['events'] { return this.#composed.events }
  get actions(): ComposedEntities['actions'] { return this.#composed.actions }
  get channels(): ComposedEntities['channels'] { return this.#composed.channels }
  get recurringEvents(): ComposedEntities['recurringEvents'] { return this.#composed.recurringEvents }
  get tables(): ComposedEntities['tables'] { return this.#composed.tables }
  get workflows(): ComposedEntities['workflows'] { return this.#composed.workflows }
  get user(): ComposedEntities['user'] { return this.#composed.user }
  get conversation(): ComposedEntities['conversation'] { return this.#composed.conversation }
  get message(): ComposedEntities['message'] { return this.#composed.message }

  /** Added integrations by alias, in the order they were added. */
  get integrations(): Readonly<Record<string, IntegrationInstance>> { return Object.fromEntries(this.#integrations) }

  /** Added plugins by alias, in the order they were added (their handlers run in this order). */
  get plugins(): Readonly<Record<string, PluginInstance>> { return Object.fromEntries(this.#plugins) }

  /** Adds an integration under an alias (its name by default); its actions, events and channels become `alias:name`. */
  addIntegration<TRef extends PackageRef<AnyIntegrationDefinition>>(ref: TRef, options: AddIntegrationOptions<DefinitionOf<TRef>>): this {
    const definition = expectKind(ref, 'integration') as AnyIntegrationDefinition
    const alias = options.alias ?? definition.name
    checkAlias(alias, this.#aliases())
    const owner = describeOrigin({ kind: 'integration', alias, packageName: definition.name })
    const configurationSchema = definition.configuration?.schema ?? z.object({})
    const instance: IntegrationInstance = {
      alias, definition, implementation: implementationOf(ref),
      configuration: parseConfiguration(owner, configurationSchema, (options as { configuration?: unknown }).configuration),
    }
    this.#commit(new Map(this.#integrations).set(alias, instance), this.#plugins)
    return this
  }

  /**
   * Adds a plugin under an alias (its name by default). Its interface dependencies must name
   * integrations already added; its states, events and actions become `alias:name`.
   */
  addPlugin<TRef extends PackageRef<AnyPluginDefinition>>(ref: TRef, options: AddPluginOptions<DefinitionOf<TRef>>): this {
    const definition = expectKind(ref, 'plugin') as AnyPluginDefinition
    const alias = options.alias ?? definition.name
    checkAlias(alias, this.#aliases())
    const owner = describeOrigin({ kind: 'plugin', alias, packageName: definition.name })
    const given = options as { configuration?: unknown; dependencies?: Record<string, InterfaceDependency> }
    const dependencies = resolveDependencies(owner, definition, given.dependencies, this.#integrations)
    const schema = definition.configurationSchema(mapValues(dependencies.interfaces, (route) => route.entities))
    const instance: PluginInstance = {
      alias, definition, implementation: implementationOf(ref),
      configuration: parseConfiguration(owner, schema, given.configuration),
      ...dependencies,
    }
    this.#commit(this.#integrations, new Map(this.#plugins).set(alias, instance))
    return this
  }

  /** Composes first and keeps the result only if it succeeds, so a failed add leaves the bot unchanged. */
  #commit(integrations: ReadonlyMap<string, IntegrationInstance>, plugins: ReadonlyMap<string, PluginInstance>): void {
    this.#composed = compose(this.#own, [...integrations.values()], [...plugins.values()])
    this.#integrations = integrations
    this.#plugins = plugins
  }

  #aliases(): Map<string, Origin> {
    const origins = new Map<string, Origin>()
    for (const i of this.#integrations.values()) origins.set(i.alias, { kind: 'integration', alias: i.alias, packageName: i.definition.name })
    for (const p of this.#plugins.values()) origins.set(p.alias, { kind: 'plugin', alias: p.alias, packageName: p.definition.name })
    return origins
  }
}

function expectKind(ref: PackageRef<{ kind: string }>, kind: 'plugin' | 'integration'): { kind: string } {
  const definition = typeof ref === 'object' && ref !== null ? definitionOf(ref) : undefined
  if (definition?.kind === kind) return definition
  const got = definition?.kind ? `${/^[aeiou]/.test(definition.kind) ? 'an' : 'a'} ${definition.kind} definition` : typeof ref
  throw new CompositionError('PACKAGE_INVALID', `add${kind === 'plugin' ? 'Plugin' : 'Integration'} expects a ${kind} definition or package, got ${got}`)
}
