import { z, type ObjectSchema, type Schema } from '../schema/zod.js'
import { resolveSchema, type AnySchemaSource, type SchemaContext, type SchemaSource } from '../schema/schema-source.js'
import { DefinitionError } from '../errors/definition-error.js'
import { mapValues } from '../util/records.js'
import type {
  PackageMeta, ActionDefinition, ConfigurationDefinition, Described, EventDefinition, Named, RecurringEventDefinition, StateDefinition,
  TableDefinition, TagsDefinition, WorkflowDefinition,
} from './entities.js'
import type { InterfaceDefinition } from './interface-definition.js'
import type { IntegrationDefinition } from './integration-definition.js'
import { definitionOf, toPackage, type DefinitionOf, type DefinitionPackage, type PackageRef } from './package-ref.js'
import { checkShape } from './validation/check-shape.js'
import { checkRecurringEvents, checkTableIndexes } from './validation/check-references.js'
import { pluginProps } from './validation/meta-schemas.js'
import { isObjectSchema, isZodSchema } from './validation/zod-guards.js'

type InterfaceRefs = Named<PackageRef<InterfaceDefinition>>
type IntegrationRefs = Named<PackageRef<IntegrationDefinition<any, any>>> // any: accepts integrations of every entity and configuration shape

/** `entities.llm.modelRef` inside a plugin's schema functions: each interface alias, then its entities. */
export type InterfaceEntities<TInterfaces extends InterfaceRefs> = {
  readonly [A in keyof TInterfaces]: DefinitionOf<TInterfaces[A]> extends InterfaceDefinition<infer E>
    ? { readonly [K in keyof E]: E[K]['schema'] }
    : never
}

export interface PluginDefinitionProps<
  TInterfaces extends InterfaceRefs,
  TIntegrations extends IntegrationRefs,
  TConfig extends ObjectSchema,
  TStates extends Named<StateDefinition>,
  TActions extends Named<ActionDefinition>,
  TTables extends Named<TableDefinition>,
> extends PackageMeta {
  readonly interfaces?: TInterfaces
  readonly integrations?: TIntegrations
  /** A schema, or a function of the interfaces' entities (`({ entities }) => z.object({ item: entities.items.item })`). */
  readonly configuration?: Described & { readonly schema: SchemaSource<TConfig, SchemaContext<InterfaceEntities<TInterfaces>>> }
  readonly states?: TStates
  readonly events?: Named<EventDefinition<SchemaContext<InterfaceEntities<TInterfaces>>>>
  // The intersection lets TypeScript infer the action names from TActions while typing each schema
  // function's `entities` from the interfaces inferred beside them.
  readonly actions?: TActions & Named<ActionDefinition<SchemaContext<InterfaceEntities<TInterfaces>>>>
  readonly tables?: TTables
  readonly workflows?: Named<WorkflowDefinition>
  readonly recurringEvents?: Named<RecurringEventDefinition>
  readonly user?: TagsDefinition
  readonly conversation?: TagsDefinition
  readonly message?: TagsDefinition
  /**
   * What the plugin keeps in its key-value store (`kv`, `context.api.db`), by key or by key prefix ending
   * in `*`: `{ 'conversations:*': { schema: z.object({ endedAt: z.date() }) } }`. It types the store in
   * generated code; the store itself takes any JSON value. Without it, values are `unknown`.
   */
  readonly kv?: Readonly<Record<string, KeyValueDefinition>>
}

/** The values kept under one key (or every key of a prefix ending in `*`) of a plugin's key-value store. */
export interface KeyValueDefinition extends Described {
  readonly schema: ObjectSchema
}

export interface DereferenceOptions {
  /** Let entity values carry properties beyond the interface's base schema, as concrete entities will. */
  readonly intersectWithUnknownRecord?: boolean
}

/**
 * A reusable package of behaviour for any bot: configuration, states, events, actions, tables, tags,
 * workflows and recurring events, plus the interfaces and integrations it needs the bot to provide.
 * Added to a bot, its states, events and actions are named `alias:name`.
 *
 * @example
 * export default new PluginDefinition({
 *   name: 'analytics', version: '1.0.0',
 *   configuration: { schema: z.object({ trackingEnabled: z.boolean().default(true) }) },
 *   actions: { track: { input: { schema: z.object({ name: z.string() }) }, output: { schema: z.object({}) } } },
 * })
 */
export class PluginDefinition<
  const TInterfaces extends InterfaceRefs = {},
  const TIntegrations extends IntegrationRefs = {},
  TConfig extends ObjectSchema = z.ZodObject<{}>,
  const TStates extends Named<StateDefinition> = {},
  const TActions extends Named<ActionDefinition> = {},
  const TTables extends Named<TableDefinition> = {},
> {
  readonly kind = 'plugin' as const
  readonly name: string
  readonly version: string
  readonly title: string | undefined
  readonly description: string | undefined
  readonly icon: string | undefined
  readonly readme: string | undefined
  readonly interfaces: TInterfaces
  readonly integrations: TIntegrations
  readonly configuration: ConfigurationDefinition<TConfig>
  readonly states: TStates
  readonly events: Named<EventDefinition>
  readonly actions: TActions
  readonly tables: TTables
  readonly workflows: Named<WorkflowDefinition>
  readonly recurringEvents: Named<RecurringEventDefinition>
  readonly user: TagsDefinition
  readonly conversation: TagsDefinition
  readonly message: TagsDefinition
  readonly kv: Readonly<Record<string, KeyValueDefinition>>

  constructor(readonly props: PluginDefinitionProps<TInterfaces, TIntegrations, TConfig, TStates, TActions, TTables>) {
    const label = `plugin "${String(props?.name)}"`
    checkShape(label, pluginProps, props)
    checkDependencies(label, props)
    this.name = props.name
    this.version = props.version
    this.title = props.title
    this.description = props.description
    this.icon = props.icon
    this.readme = props.readme
    this.interfaces = props.interfaces ?? ({} as TInterfaces)
    this.integrations = props.integrations ?? ({} as TIntegrations)
    this.configuration = configurationAt(label, props.configuration, this.baseEntities())
    this.states = props.states ?? ({} as TStates)
    this.events = props.events ?? {}
    this.actions = props.actions ?? ({} as TActions)
    this.tables = props.tables ?? ({} as TTables)
    this.workflows = props.workflows ?? {}
    this.recurringEvents = props.recurringEvents ?? {}
    this.user = props.user ?? {}
    this.conversation = props.conversation ?? {}
    this.message = props.message ?? {}
    this.kv = props.kv ?? {}
    checkTableIndexes(label, this.tables)
    checkSchemaFunctions(label, this.baseEntities(), this.actions, this.events)
    checkRecurringEvents(label, this.recurringEvents, this.resolve(this.baseEntities()).events)
  }

  /** This plugin as a package (`{ type, name, version, definition }`), as Botpress code imports one. */
  asPackage(): DefinitionPackage<'plugin', this> {
    return toPackage('plugin', this)
  }

  /** The configuration's schema with entity references resolved to `entities` (a bot's backing integrations'). */
  configurationSchema(entities: InterfaceEntities<TInterfaces>): TConfig {
    return configurationAt<TConfig>(`plugin "${this.name}"`, this.props.configuration, entities).schema
  }

  /** Each interface dependency's entities as that interface declares them. */
  baseEntities(): InterfaceEntities<TInterfaces> {
    return mapValues(this.interfaces, (ref) => (definitionOf(ref) as InterfaceDefinition).baseEntities()) as InterfaceEntities<TInterfaces>
  }

  /** Actions and events with every entity reference resolved against `entities`. */
  resolve(entities: InterfaceEntities<TInterfaces>): { actions: Named<ResolvedAction>; events: Named<ResolvedEvent> } {
    return {
      actions: mapValues(this.actions, (action) => ({
        ...action,
        input: { schema: resolveSchema(action.input.schema, entities) },
        output: { schema: resolveSchema(action.output.schema, entities) },
      })),
      events: mapValues(this.events, (event) => ({ ...event, schema: resolveSchema(event.schema, entities) })),
    }
  }

  /**
   * A copy of this definition whose schemas refer to no entity: each reference is replaced by the base
   * schema its interface declares (open to extra properties with `intersectWithUnknownRecord`).
   */
  dereferenceEntities(options: DereferenceOptions = {}): PluginDefinition<TInterfaces, TIntegrations, TConfig, TStates, { readonly [K in keyof TActions]: ResolvedAction }, TTables> {
    const base = this.baseEntities() as Record<string, Record<string, Schema>>
    const entities = options.intersectWithUnknownRecord ? mapValues(base, (group) => mapValues(group, openUp)) : base
    const { actions, events } = this.resolve(entities as InterfaceEntities<TInterfaces>)
    return new PluginDefinition({ ...this.props, actions: actions as { readonly [K in keyof TActions]: ResolvedAction }, events })
  }
}

export interface ResolvedAction {
  readonly title?: string
  readonly description?: string
  readonly input: { readonly schema: Schema }
  readonly output: { readonly schema: Schema }
}

export interface ResolvedEvent {
  readonly title?: string
  readonly description?: string
  readonly schema: Schema
}

/** The configuration with its schema function (if any) run against `entities`; it must give an object schema. */
function configurationAt<TConfig extends ObjectSchema>(label: string, given: { readonly title?: string; readonly description?: string; readonly schema: AnySchemaSource } | undefined, entities: unknown): ConfigurationDefinition<TConfig> {
  if (!given) return { schema: z.object({}) as unknown as TConfig }
  const schema = typeof given.schema === 'function' ? runSchemaFunction(label, 'configuration', 'schema', given.schema, entities) : given.schema
  if (!isObjectSchema(schema)) throw new DefinitionError({ definition: label, field: 'configuration.schema' }, 'the configuration must be a zod object schema: z.object({ … })')
  return { ...given, schema: schema as TConfig }
}

function openUp(schema: Schema): Schema {
  return schema instanceof z.ZodObject ? schema.passthrough() : z.intersection(schema, z.record(z.unknown()))
}

/** Runs a schema function (or takes a schema), naming the entity and field when it fails or gives no zod schema. */
function runSchemaFunction(label: string, entity: string, field: string, source: AnySchemaSource, entities: unknown): Schema {
  let schema: unknown
  try {
    schema = resolveSchema(source, entities)
  } catch (error) {
    throw new DefinitionError({ definition: label, entity, field }, `the schema function threw: ${(error as Error).message}; refer only to entities of the declared interfaces (${Object.keys(entities as object).join(', ') || 'none declared'})`)
  }
  if (!isZodSchema(schema)) throw new DefinitionError({ definition: label, entity, field }, 'the schema function must return a zod schema')
  return schema
}

function checkDependencies(label: string, props: { interfaces?: InterfaceRefs; integrations?: IntegrationRefs }): void {
  const expect = (group: 'interfaces' | 'integrations', kind: string) => {
    for (const [alias, ref] of Object.entries(props[group] ?? {})) {
      if (definitionOf(ref as never as { kind: string })?.kind === kind) continue
      throw new DefinitionError({ definition: label, entity: `${group}.${alias}` }, `expected an ${kind} definition or package; import it, e.g. \`import ${alias} from '…'\``)
    }
  }
  expect('interfaces', 'interface')
  expect('integrations', 'integration')
}

/** Runs every schema function once against the interfaces' base entities, so a broken one fails now. */
function checkSchemaFunctions(label: string, entities: unknown, actions: Named<ActionDefinition>, events: Named<EventDefinition>): void {
  const check = (entity: string, field: string, source: AnySchemaSource) => runSchemaFunction(label, entity, field, source, entities)
  for (const [name, action] of Object.entries(actions)) {
    check(`actions.${name}`, 'input.schema', action.input.schema)
    check(`actions.${name}`, 'output.schema', action.output.schema)
  }
  for (const [name, event] of Object.entries(events)) check(`events.${name}`, 'schema', event.schema)
}
