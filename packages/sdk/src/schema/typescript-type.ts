import type { z } from 'zod'

/**
 * The TypeScript type of a schema's values, as one line of text, for prompts that ask a model for
 * JSON of a shape (`type Output = ${schema.toTypescriptType()}`). Written here rather than taken from
 * zod-to-ts, which would make every bot load the TypeScript compiler to print a type; this walks zod's
 * definitions directly and is synchronous, as the prompts that call it are.
 */
export function toTypescriptType(schema: z.ZodTypeAny): string {
  const def = schema._def as { typeName?: string } & Record<string, unknown>
  const printer = PRINTERS[def.typeName ?? '']
  return printer ? printer(def) : 'unknown'
}

type Def = Record<string, unknown>
const inner = (value: unknown): string => toTypescriptType(value as z.ZodTypeAny)
const literal = (value: unknown): string => (typeof value === 'bigint' ? `${value}n` : value === undefined ? 'undefined' : JSON.stringify(value))
const key = (name: string): string => (/^[A-Za-z_$][\w$]*$/.test(name) ? name : JSON.stringify(name))
const isOptional = (schema: z.ZodTypeAny): boolean => schema.isOptional()
const described = (schema: z.ZodTypeAny): string => (schema.description ? `/** ${schema.description.replace(/\*\//g, '*\\/')} */ ` : '')
const union = (options: unknown): string => (options as z.ZodTypeAny[]).map(inner).join(' | ')

/** A numeric TypeScript enum maps values back to names too; only the values are members. */
function nativeEnumValues(values: Record<string, string | number>): (string | number)[] {
  return Object.entries(values).filter(([name]) => typeof values[values[name] as string] !== 'number').map(([, value]) => value)
}

function object(def: Def): string {
  const shape = (def.shape as () => Record<string, z.ZodTypeAny>)()
  const fields = Object.entries(shape).map(([name, field]) => `${described(field)}${key(name)}${isOptional(field) ? '?' : ''}: ${inner(field)}`)
  const rest = (def.catchall as z.ZodTypeAny | undefined)?._def.typeName === 'ZodNever' ? (def.unknownKeys === 'passthrough' ? ['[key: string]: unknown'] : []) : [`[key: string]: ${inner(def.catchall)}`]
  const all = [...fields, ...rest]
  return all.length === 0 ? '{}' : `{ ${all.join('; ')} }`
}

const PRINTERS: Readonly<Record<string, (def: Def) => string>> = {
  ZodString: () => 'string',
  ZodNumber: () => 'number',
  ZodBigInt: () => 'bigint',
  ZodBoolean: () => 'boolean',
  ZodDate: () => 'Date',
  ZodNull: () => 'null',
  ZodUndefined: () => 'undefined',
  ZodVoid: () => 'void',
  ZodAny: () => 'any',
  ZodUnknown: () => 'unknown',
  ZodNever: () => 'never',
  ZodLiteral: (def) => literal(def.value),
  ZodEnum: (def) => (def.values as unknown[]).map(literal).join(' | '),
  ZodNativeEnum: (def) => nativeEnumValues(def.values as Record<string, string | number>).map(literal).join(' | '),
  ZodObject: object,
  ZodArray: (def) => `Array<${inner(def.type)}>`,
  ZodSet: (def) => `Set<${inner(def.valueType)}>`,
  ZodTuple: (def) => `[${(def.items as z.ZodTypeAny[]).map(inner).join(', ')}]`,
  ZodRecord: (def) => `Record<${inner(def.keyType)}, ${inner(def.valueType)}>`,
  ZodMap: (def) => `Map<${inner(def.keyType)}, ${inner(def.valueType)}>`,
  ZodUnion: (def) => union(def.options),
  ZodDiscriminatedUnion: (def) => union(def.options),
  ZodIntersection: (def) => `(${inner(def.left)}) & (${inner(def.right)})`,
  ZodOptional: (def) => `${inner(def.innerType)} | undefined`,
  ZodNullable: (def) => `${inner(def.innerType)} | null`,
  ZodDefault: (def) => inner(def.innerType),
  ZodCatch: (def) => inner(def.innerType),
  ZodReadonly: (def) => `Readonly<${inner(def.innerType)}>`,
  ZodBranded: (def) => inner(def.type),
  ZodEffects: (def) => inner(def.schema),
  ZodPipeline: (def) => inner(def.out),
  ZodLazy: (def) => inner((def.getter as () => z.ZodTypeAny)()),
  ZodPromise: (def) => `Promise<${inner(def.type)}>`,
}
