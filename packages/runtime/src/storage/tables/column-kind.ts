import type { Schema } from '@parley/sdk'

/** What a column holds, which decides its SQL type and the values filters may compare it with. */
export type ColumnKind = 'text' | 'number' | 'boolean' | 'date' | 'json' | 'id'

export const SQL_TYPES: Readonly<Record<ColumnKind, string>> = {
  text: 'text',
  number: 'double precision',
  boolean: 'boolean',
  date: 'timestamptz',
  json: 'jsonb',
  id: 'bigint',
}

/** How `information_schema.columns.data_type` spells each SQL type. */
export const INFORMATION_SCHEMA_TYPES: Readonly<Record<ColumnKind, string>> = { ...SQL_TYPES, date: 'timestamp with time zone' }

// zod's internals are untyped from the outside: `_def` differs per schema class, so it is read loosely.
type Def = Record<string, unknown> & { typeName?: string }
const defOf = (schema: Schema): Def => schema._def as Def

/** Schemas that only wrap another one, and how to reach the wrapped schema. */
const WRAPPERS: Readonly<Record<string, (def: Def) => unknown>> = {
  ZodOptional: (def) => def['innerType'],
  ZodNullable: (def) => def['innerType'],
  ZodDefault: (def) => def['innerType'],
  ZodCatch: (def) => def['innerType'],
  ZodReadonly: (def) => def['innerType'],
  ZodBranded: (def) => def['type'],
  ZodPipeline: (def) => def['out'],
  // A transform may output anything, so only refinements and preprocessing see through to the schema.
  ZodEffects: (def) => ((def['effect'] as { type?: string } | undefined)?.type === 'transform' ? undefined : def['schema']),
}

const SCALARS: Readonly<Record<string, ColumnKind>> = {
  ZodString: 'text',
  ZodEnum: 'text',
  ZodNumber: 'number',
  ZodBoolean: 'boolean',
  ZodDate: 'date',
}

/** The column kind for a field's schema; anything not a plain scalar is stored as JSON. */
export function columnKind(schema: Schema): ColumnKind | 'unsupported' {
  const def = defOf(schema)
  const unwrap = WRAPPERS[def.typeName ?? '']
  const inner = unwrap?.(def)
  if (inner) return columnKind(inner as Schema)
  if (def.typeName === 'ZodBigInt') return 'unsupported'
  return SCALARS[def.typeName ?? ''] ?? literalKind(def) ?? nativeEnumKind(def) ?? 'json'
}

function literalKind(def: Def): ColumnKind | undefined {
  if (def.typeName !== 'ZodLiteral') return undefined
  const kinds: Record<string, ColumnKind> = { string: 'text', number: 'number', boolean: 'boolean' }
  return kinds[typeof def['value']]
}

/** String enums are text; numeric ones carry reverse mappings and mixed values, so they stay JSON. */
function nativeEnumKind(def: Def): ColumnKind | undefined {
  if (def.typeName !== 'ZodNativeEnum') return undefined
  const values = Object.values(def['values'] as object)
  return values.every((value) => typeof value === 'string') ? 'text' : undefined
}
