import { IntegrationDefinition, IntegrationImplementation, z } from '@parley/sdk'
import deletable from '@parley/interfaces/deletable'
import listable from '@parley/interfaces/listable'

/** A catalog implementing Botpress's `listable` and `deletable` interfaces over items held in memory, two per page. */
export function catalog(names: readonly string[]) {
  const items = names.map((name, index) => ({ id: `item-${index}`, name }))
  const definition = new IntegrationDefinition({ name: 'catalog', version: '1.0.0', entities: { product: { schema: z.object({ id: z.string(), name: z.string() }) } } })
    .extend(listable, ({ entities }) => ({ entities: { item: entities.product } }))
    .extend(deletable, ({ entities }) => ({ entities: { item: entities.product } }))
  const implementation = new IntegrationImplementation({
    actions: {
      list: ({ input }) => {
        const start = Number(input.nextToken ?? 0)
        return { items: items.slice(start, start + 2), meta: start + 2 < items.length ? { nextToken: String(start + 2) } : {} }
      },
      delete: ({ input }) => {
        items.splice(items.findIndex((item) => item.id === input.id), 1)
        return {}
      },
    },
    channels: {},
  })
  return { definition, implementation, items }
}
