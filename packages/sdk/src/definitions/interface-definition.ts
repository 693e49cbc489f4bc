import type { Schema } from '../schema/zod.js'
import { resolveInterfaceSchema, type InterfaceSchemaContext } from '../schema/schema-source.js'
import { mapValues } from '../util/records.js'
import type { PackageMeta, ActionDefinition, ChannelDefinition, EntityDefinition, EventDefinition, Named } from './entities.js'
import { toPackage, type DefinitionPackage } from './package-ref.js'
import { DefinitionError } from '../errors/definition-error.js'
import { checkShape } from './validation/check-shape.js'
import { interfaceProps } from './validation/meta-schemas.js'

/** Inside an interface, schemas refer to its own entities by name: `entities.modelRef`. */
export type OwnEntitySchemas<TEntities extends Named<EntityDefinition>> = { readonly [E in keyof TEntities]: TEntities[E]['schema'] }

export interface InterfaceDefinitionProps<TEntities extends Named<EntityDefinition>> extends PackageMeta {
  readonly entities?: TEntities
  /** Botpress interfaces name the template an implementing integration's code is generated from. */
  readonly templateName?: string
  readonly events?: Named<EventDefinition<InterfaceSchemaContext<OwnEntitySchemas<TEntities>>>>
  readonly actions?: Named<ActionDefinition<InterfaceSchemaContext<OwnEntitySchemas<TEntities>>>>
  readonly channels?: Named<ChannelDefinition<InterfaceSchemaContext<OwnEntitySchemas<TEntities>>>>
}

/** An interface's actions, events and channels with every entity reference replaced by a schema. */
export interface ResolvedInterface {
  readonly actions: Named<{ readonly input: Schema; readonly output: Schema; readonly title?: string; readonly description?: string }>
  readonly events: Named<{ readonly schema: Schema; readonly title?: string; readonly description?: string }>
  readonly channels: Named<{ readonly messages: Named<Schema> }>
}

/**
 * A contract that integrations implement and plugins depend on, such as `llm` or `hitl`. Its schemas
 * may refer to its entities, which each implementing integration maps to a concrete schema of its own.
 *
 * @example
 * const llm = new InterfaceDefinition({
 *   name: 'llm', version: '1.0.0',
 *   entities: { modelRef: { schema: z.object({ id: z.string() }) } },
 *   actions: { generateContent: { input: { schema: ({ entities }) => z.object({ model: entities.modelRef }) }, output: { schema: z.object({ content: z.string() }) } } },
 * })
 */
export class InterfaceDefinition<const TEntities extends Named<EntityDefinition> = Named<EntityDefinition>> {
  readonly kind = 'interface' as const
  readonly name: string
  readonly version: string
  readonly title: string | undefined
  readonly description: string | undefined
  readonly entities: TEntities
  // Stored with the widest entity type, so an interface of specific entities is still an InterfaceDefinition.
  readonly events: Named<EventDefinition>
  readonly actions: Named<ActionDefinition>
  readonly channels: Named<ChannelDefinition>

  constructor(props: InterfaceDefinitionProps<TEntities>) {
    checkShape(`interface "${String(props?.name)}"`, interfaceProps, props)
    if (props.entities && Object.hasOwn(props.entities, 'entities')) {
      throw new DefinitionError({ definition: `interface "${props.name}"`, entity: 'entities.entities' }, 'schema functions receive the entities under the key "entities" as well as by name, so no entity may be named so; rename it')
    }
    this.name = props.name
    this.version = props.version
    this.title = props.title
    this.description = props.description
    this.entities = props.entities ?? ({} as TEntities)
    this.events = props.events ?? {}
    this.actions = props.actions ?? {}
    this.channels = props.channels ?? {}
  }

  /** This interface as a package (`{ type, name, version, definition }`), as Botpress code imports one. */
  asPackage(): DefinitionPackage<'interface', this> {
    return toPackage('interface', this)
  }

  /** The schemas of each entity as the interface itself declares them: what any implementation must at least accept. */
  baseEntities(): OwnEntitySchemas<TEntities> {
    return mapValues(this.entities, (entity) => entity.schema) as OwnEntitySchemas<TEntities>
  }

  /** Every action, event and channel schema, with entity references resolved to `entities`. */
  resolve(entities: Readonly<Record<string, Schema>> = this.baseEntities()): ResolvedInterface {
    const own = entities
    return {
      actions: mapValues(this.actions, (action) => ({
        title: action.title,
        description: action.description,
        input: resolveInterfaceSchema(action.input.schema, own),
        output: resolveInterfaceSchema(action.output.schema, own),
      })),
      events: mapValues(this.events, (event) => ({ title: event.title, description: event.description, schema: resolveInterfaceSchema(event.schema, own) })),
      channels: mapValues(this.channels, (channel) => ({ messages: mapValues(channel.messages, (m) => resolveInterfaceSchema(m.schema, own)) })),
    }
  }
}
