import type { Schema } from './zod.js'

/** Entity schemas by interface alias, then entity name: `entities.llm.modelRef`. */
export type EntitySchemas = Record<string, Record<string, Schema>>

/** What a schema function receives: the entities it may refer to. */
export interface SchemaContext<TEntities = EntitySchemas> {
  readonly entities: TEntities
}

/**
 * A schema written directly, or as a function of the entities of the interfaces a definition depends
 * on, so that one plugin can accept whatever model reference the bot's LLM integration uses.
 *
 * @example
 * input: { schema: ({ entities }) => z.object({ text: z.string(), model: entities.llm.modelRef }) }
 */
export type SchemaSource<TSchema extends Schema = Schema, TContext = SchemaContext> =
  | TSchema
  | ((context: TContext) => TSchema)

/**
 * What an interface's schema functions receive: its own entities, by name, as Botpress passes them
 * (`({ modelRef }) => …`), and under `entities` as everywhere else in Parley (`({ entities }) => …`).
 */
export type InterfaceSchemaContext<TEntities> = TEntities & SchemaContext<TEntities>

/** Turns a schema source into a schema, given the entities it may refer to. */
export function resolveSchema(source: AnySchemaSource, entities: unknown): Schema {
  return typeof source === 'function' ? source({ entities } as never) : source
}

/** The same for an interface's own schemas, whose functions receive their entities directly too. */
export function resolveInterfaceSchema(source: AnySchemaSource, entities: Readonly<Record<string, Schema>>): Schema {
  return typeof source === 'function' ? source({ ...entities, entities } as never) : source
}

/**
 * Every schema source, whatever entities its function expects: a function of `never` accepts them all,
 * which is how definitions of different interfaces are stored side by side.
 */
export type AnySchemaSource = SchemaSource<Schema, never>
