import type { ObjectSchema, Schema, z } from '../schema/zod.js'
import { DefinitionError } from '../errors/definition-error.js'
import { ALIAS } from '../schema/names.js'
import { mapValues } from '../util/records.js'
import type {
  PackageMeta, ActionDefinition, ChannelDefinition, ConfigurationDefinition, EntityDefinition, EventDefinition, Named,
  SecretDefinition, StateDefinition, TagsDefinition,
} from './entities.js'
import type { InterfaceDefinition } from './interface-definition.js'

/** Integrations declare concrete schemas: there are no entities for their schema functions to refer to. */
type NoEntities = Readonly<Record<string, never>>
import type { SchemaContext } from '../schema/schema-source.js'
import { definitionOf, toPackage, type DefinitionOf, type DefinitionPackage, type PackageRef } from './package-ref.js'
import { checkShape } from './validation/check-shape.js'
import { integrationProps } from './validation/meta-schemas.js'

export interface IntegrationDefinitionProps<TEntities extends Named<EntityDefinition>, TConfig extends ObjectSchema> extends PackageMeta {
  readonly configuration?: ConfigurationDefinition<TConfig>
  readonly states?: Named<StateDefinition>
  readonly events?: Named<EventDefinition<SchemaContext<NoEntities>>>
  readonly actions?: Named<ActionDefinition<SchemaContext<NoEntities>>>
  readonly channels?: Named<ChannelDefinition<SchemaContext<NoEntities>>>
  readonly entities?: TEntities
  readonly secrets?: Named<SecretDefinition>
  readonly user?: TagsDefinition
}

/** A pointer to one of the integration's entities, as `extend` hands them to its builder. */
export interface EntityReference<TName extends string = string> {
  readonly entityName: TName
  readonly schema: Schema
}

/** What an `extend` builder returns: which entity plays each interface entity, and optional renames. */
export interface InterfaceImplementationSpec<TInterface extends InterfaceDefinition> {
  readonly entities: { readonly [E in keyof TInterface['entities']]: EntityReference }
  /** Interface action name → this integration's action name, when they differ. */
  readonly actions?: { readonly [A in keyof TInterface['actions']]?: string }
  readonly events?: { readonly [E in keyof TInterface['events']]?: string }
  readonly channels?: { readonly [C in keyof TInterface['channels']]?: string }
}

/** How this integration implements one interface: the maps the bot uses to route and resolve. */
export interface ImplementedInterface {
  readonly definition: InterfaceDefinition
  readonly alias: string
  readonly entities: Readonly<Record<string, string>>
  readonly actions: Readonly<Record<string, string>>
  readonly events: Readonly<Record<string, string>>
  readonly channels: Readonly<Record<string, string>>
}

/**
 * A connection to an outside service: its configuration and secrets, the actions it offers, the events
 * it emits, the channels it carries messages on, and the interfaces it implements.
 *
 * @example
 * const github = new IntegrationDefinition({ name: 'github', version: '1.0.0', entities: { issue: { schema } } })
 *   .extend(listable, ({ entities }) => ({ entities: { item: entities.issue } }))
 */
export class IntegrationDefinition<
  const TEntities extends Named<EntityDefinition> = Named<EntityDefinition>,
  TConfig extends ObjectSchema = z.ZodObject<{}>,
> {
  readonly kind = 'integration' as const
  readonly name: string
  readonly version: string
  readonly title: string | undefined
  readonly description: string | undefined
  readonly icon: string | undefined
  readonly configuration: ConfigurationDefinition<TConfig> | undefined
  readonly states: Named<StateDefinition>
  readonly entities: TEntities
  readonly secrets: Named<SecretDefinition>
  readonly user: TagsDefinition
  readonly #actions: Record<string, ActionDefinition<SchemaContext<NoEntities>>>
  readonly #events: Record<string, EventDefinition<SchemaContext<NoEntities>>>
  readonly #channels: Record<string, ChannelDefinition<SchemaContext<NoEntities>>>
  readonly #interfaces: Record<string, ImplementedInterface> = {}

  constructor(props: IntegrationDefinitionProps<TEntities, TConfig>) {
    checkShape(`integration "${String(props?.name)}"`, integrationProps, props)
    this.name = props.name
    this.version = props.version
    this.title = props.title
    this.description = props.description
    this.icon = props.icon
    this.configuration = props.configuration
    this.states = props.states ?? {}
    this.entities = props.entities ?? ({} as TEntities)
    this.secrets = props.secrets ?? {}
    this.user = props.user ?? {}
    this.#actions = { ...props.actions }
    this.#events = { ...props.events }
    this.#channels = { ...props.channels }
  }

  /** This integration as a package (`{ type, name, version, definition }`), as Botpress code imports one. */
  asPackage(): DefinitionPackage<'integration', this> {
    return toPackage('integration', this)
  }

  /** Actions, including those an implemented interface brought in. */
  get actions(): Named<ActionDefinition<SchemaContext<NoEntities>>> {
    return this.#actions
  }

  get events(): Named<EventDefinition<SchemaContext<NoEntities>>> {
    return this.#events
  }

  get channels(): Named<ChannelDefinition<SchemaContext<NoEntities>>> {
    return this.#channels
  }

  /** Implemented interfaces, by the alias a plugin dependency names as `integrationInterfaceAlias`. */
  get interfaces(): Readonly<Record<string, ImplementedInterface>> {
    return this.#interfaces
  }

  /**
   * Declares that this integration implements an interface, mapping each interface entity to one of
   * its own. Interface actions, events and channels the integration does not declare itself are added
   * with their entity references resolved to the mapped schemas. Returns the same definition.
   */
  extend<TRef extends PackageRef<InterfaceDefinition>>(
    ref: TRef,
    build: (context: { entities: { readonly [E in keyof TEntities & string]: EntityReference<E> } }) => InterfaceImplementationSpec<DefinitionOf<TRef> & InterfaceDefinition>,
    options: { alias?: string } = {},
  ): this {
    const iface = definitionOf(ref) as InterfaceDefinition
    const alias = options.alias ?? iface.name
    const where = { definition: `integration "${this.name}"`, entity: `interfaces.${alias}` }
    if (!ALIAS.test(alias)) throw new DefinitionError({ ...where, field: 'alias' }, 'use letters, digits, _ and -, starting with a letter')
    if (this.#interfaces[alias]) throw new DefinitionError(where, `already implemented under this alias; pass { alias } to implement "${iface.name}" a second time`)
    const spec = build({ entities: this.#entityReferences() as never })
    const implemented = this.#implementation(iface, alias, spec, where)
    this.#adopt(iface, implemented)
    this.#interfaces[alias] = implemented
    return this
  }

  #entityReferences(): Record<string, EntityReference> {
    return mapValues(this.entities, (entity, entityName) => ({ entityName, schema: entity.schema }))
  }

  #implementation(iface: InterfaceDefinition, alias: string, spec: InterfaceImplementationSpec<InterfaceDefinition>, where: { definition: string; entity: string }): ImplementedInterface {
    const entities = mapValues(iface.entities, (_, name) => {
      const reference = (spec.entities as Record<string, EntityReference | undefined>)[name]
      if (!reference || !this.entities[reference.entityName]) {
        throw new DefinitionError({ ...where, field: `entities.${name}` }, `map interface entity "${name}" to one of this integration's entities (${Object.keys(this.entities).join(', ') || 'none declared'})`)
      }
      return reference.entityName
    })
    const rename = (names: Named<unknown>, renames: Readonly<Record<string, string | undefined>> = {}) => mapValues(names, (_, name) => renames[name] ?? name)
    return {
      definition: iface,
      alias,
      entities,
      actions: rename(iface.actions, spec.actions),
      events: rename(iface.events, spec.events),
      channels: rename(iface.channels, spec.channels),
    }
  }

  /** Brings in what the interface defines and the integration did not declare, resolved to its entities. */
  #adopt(iface: InterfaceDefinition, implemented: ImplementedInterface): void {
    const concrete = mapValues(implemented.entities, (entityName) => this.entities[entityName]!.schema)
    const resolved = iface.resolve(concrete)
    for (const [name, action] of Object.entries(resolved.actions)) {
      this.#actions[implemented.actions[name]!] ??= { title: action.title, description: action.description, input: { schema: action.input }, output: { schema: action.output } }
    }
    for (const [name, event] of Object.entries(resolved.events)) {
      this.#events[implemented.events[name]!] ??= { title: event.title, description: event.description, schema: event.schema }
    }
    for (const [name, channel] of Object.entries(resolved.channels)) {
      this.#channels[implemented.channels[name]!] ??= { messages: mapValues(channel.messages, (schema) => ({ schema })) }
    }
  }
}
