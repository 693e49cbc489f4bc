import { resolveSchema, type AnySchemaSource, type Schema } from '@parley/sdk'
import type { ModelBuilder, Where } from './builder.js'
import { literal, object, type Field, type TypeExpr } from './model.js'

/** What resolvers pass in: an entity's schemas, already free of entity references. */
export interface ActionLike {
  readonly title?: string
  readonly description?: string
  readonly input: { readonly schema: AnySchemaSource }
  readonly output: { readonly schema: AnySchemaSource }
}
export interface EventLike {
  readonly title?: string
  readonly description?: string
  readonly schema: AnySchemaSource
}
export interface StateLike extends EventLike {
  readonly type: string
}
export interface WorkflowLike {
  readonly title?: string
  readonly description?: string
  readonly input: { readonly schema: Schema }
  readonly output: { readonly schema: Schema }
}

/** Entities here hold concrete schemas; a schema function among them refers to no entity. */
const concrete = (source: AnySchemaSource): Schema => resolveSchema(source, {})

type Described = { readonly title?: string; readonly description?: string }

/** The doc comment generated beside an entity: what its definition says about it. */
export function docOf(entity: Described): string | undefined {
  return entity.description ?? entity.title
}

/** An action's types from each side of it. */
export interface ActionSides {
  /** For its implementation: the input as validated (defaults applied), the output as returned. */
  readonly implemented: TypeExpr
  /** For its callers: the input as written, the output as validated (an interface may fill fields in). */
  readonly called: TypeExpr
}

/** `{ input: TrackEventInput; output: TrackEventOutput }`, from each side. */
export function actionTypes(b: ModelBuilder, nameParts: readonly string[], action: ActionLike, where: Where): ActionSides {
  const input = b.payloads([...nameParts, 'Input'], concrete(action.input.schema), at(where, 'input.schema'))
  const output = b.payloads([...nameParts, 'Output'], concrete(action.output.schema), at(where, 'output.schema'))
  return {
    implemented: object([{ key: 'input', type: input.parsed }, { key: 'output', type: output.written }]),
    called: object([{ key: 'input', type: input.written }, { key: 'output', type: output.parsed }]),
  }
}

/** The implemented side only, for definitions that only implement (integrations). */
export function actionType(b: ModelBuilder, nameParts: readonly string[], action: ActionLike, where: Where): TypeExpr {
  return actionTypes(b, nameParts, action, where).implemented
}

/** The called side only, for dependencies code only calls. */
export function calledActionType(b: ModelBuilder, nameParts: readonly string[], action: ActionLike, where: Where): TypeExpr {
  return actionTypes(b, nameParts, action, where).called
}

/**
 * `{ type: 'user'; payload: UserMetricsState }`. The payload is typed as stored and read: a state is
 * validated when written, so a field with a default always has a value.
 */
export function stateType(b: ModelBuilder, nameParts: readonly string[], state: StateLike, where: Where): TypeExpr {
  return object([
    { key: 'type', type: literal(state.type) },
    { key: 'payload', type: b.payload([...nameParts, 'State'], concrete(state.schema), at(where, 'schema'), 'output') },
  ])
}

export function eventType(b: ModelBuilder, nameParts: readonly string[], event: EventLike, where: Where): TypeExpr {
  return b.payload([...nameParts, 'Event'], concrete(event.schema), at(where, 'schema'))
}

export function tableType(b: ModelBuilder, nameParts: readonly string[], table: { readonly schema: Schema }, where: Where): TypeExpr {
  return b.payload([...nameParts, 'Row'], table.schema, at(where, 'schema'))
}

export function workflowType(b: ModelBuilder, nameParts: readonly string[], workflow: WorkflowLike, where: Where): TypeExpr {
  return object([
    { key: 'input', type: b.payload([...nameParts, 'WorkflowInput'], workflow.input.schema, at(where, 'input.schema')) },
    { key: 'output', type: b.payload([...nameParts, 'WorkflowOutput'], workflow.output.schema, at(where, 'output.schema')) },
  ])
}

/** One field per entity, in definition order: its type made by `type`, its doc from the entity. */
export function fieldsOf<T extends Described>(entities: Readonly<Record<string, T>>, type: (name: string, entity: T) => TypeExpr): Field[] {
  return Object.entries(entities).map(([name, entity]) => field(name, type(name, entity), entity))
}

/** A field whose doc comes from the entity. */
export function field(key: string, type: TypeExpr, entity: Described = {}): Field {
  const doc = docOf(entity)
  return doc ? { key, type, doc } : { key, type }
}

function at(where: Where, path: string): Where {
  return { definition: where.definition, entity: `${where.entity}.${path}` }
}
