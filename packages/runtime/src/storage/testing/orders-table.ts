import { z, type TableDefinition } from '@parley/sdk'

// A table for storage tests, with a field of every kind of column.

export const ordersTable = {
  schema: z.object({
    customer: z.string(),
    status: z.enum(['open', 'paid', 'cancelled']),
    amount: z.number(),
    quantity: z.number().int(),
    paid: z.boolean(),
    note: z.string().optional(),
    coupon: z.string().nullable().optional(),
    placedOn: z.date().optional(),
    meta: z.object({ source: z.string() }).optional(),
    lines: z.array(z.object({ sku: z.string(), qty: z.number() })).default([]),
  }),
  indexes: ['customer', 'status'],
} satisfies TableDefinition

export type OrderInput = z.input<typeof ordersTable.schema>

/** Five orders whose amounts are all different, so tests can name rows by amount. */
export const orders: readonly OrderInput[] = [
  { customer: 'ada', status: 'paid', amount: 120.5, quantity: 2, paid: true, note: 'gift', placedOn: new Date('2024-01-10T00:00:00Z'), meta: { source: 'web' } },
  { customer: 'bob', status: 'open', amount: 30, quantity: 1, paid: false, placedOn: new Date('2024-02-01T00:00:00Z'), meta: { source: 'app' }, lines: [{ sku: 'b1', qty: 1 }] },
  { customer: 'cy', status: 'cancelled', amount: 75, quantity: 3, paid: false, coupon: 'SPRING' },
  { customer: 'ada', status: 'open', amount: 10, quantity: 1, paid: false, coupon: null, note: 'rush', meta: { source: 'web' } },
  { customer: 'dee', status: 'paid', amount: 200, quantity: 5, paid: true, placedOn: new Date('2024-03-05T00:00:00Z') },
]
