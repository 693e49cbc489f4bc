import { z } from '@parley/sdk'
import { describe, expect, it } from 'vitest'
import { columnKind } from './column-kind.js'

describe('columnKind', () => {
  it.each([
    ['a string', 'text', z.string()],
    ['an enum', 'text', z.enum(['a', 'b'])],
    ['a string literal', 'text', z.literal('x')],
    ['a string native enum', 'text', z.nativeEnum({ A: 'a', B: 'b' } as const)],
    ['a number', 'number', z.number()],
    ['an integer', 'number', z.number().int()],
    ['a boolean', 'boolean', z.boolean()],
    ['a date', 'date', z.date()],
    ['an object', 'json', z.object({ a: z.string() })],
    ['an array', 'json', z.array(z.string())],
    ['a union', 'json', z.union([z.string(), z.number()])],
    ['a numeric native enum', 'json', z.nativeEnum({ A: 1, B: 2 })],
    ['anything', 'json', z.any()],
    ['an optional string', 'text', z.string().optional()],
    ['a nullable number with a default', 'number', z.number().nullable().default(null)],
    ['a refined string', 'text', z.string().refine((s) => s.length > 1)],
    ['a branded string', 'text', z.string().brand<'Sku'>()],
    ['a string transformed to anything', 'json', z.string().transform((s) => s.length)],
    ['a pipeline ending in a number', 'number', z.string().pipe(z.coerce.number())],
    ['a bigint', 'unsupported', z.bigint()],
  ] as const)('stores %s as %s', (_, kind, schema) => {
    expect(columnKind(schema)).toBe(kind)
  })
})
