import { InterfaceDefinition, z } from '@parley/sdk'

/** Every item of a CRUD interface has at least an id; integrations map `item` to their richer entity. */
const item = { item: { title: 'Item', schema: z.object({ id: z.string() }) } }

/**
 * Paged listing of an integration's items.
 *
 * @example
 * github.extend(listable, ({ entities }) => ({ entities: { item: entities.issue } }))
 */
export const listable = new InterfaceDefinition({
  name: 'listable',
  version: '1.0.0',
  entities: item,
  actions: {
    list: {
      input: { schema: z.object({ nextToken: z.string().optional(), limit: z.number().int().positive().max(1000).optional() }) },
      output: { schema: ({ entities }) => z.object({ items: z.array(entities.item), meta: z.object({ nextToken: z.string().optional() }) }) },
    },
  },
})

/** Creating an item, and the event that says one was created. */
export const creatable = new InterfaceDefinition({
  name: 'creatable',
  version: '1.0.0',
  entities: item,
  actions: {
    create: {
      input: { schema: ({ entities }) => z.object({ item: entities.item }) },
      output: { schema: ({ entities }) => z.object({ item: entities.item }) },
    },
  },
  events: { created: { schema: ({ entities }) => z.object({ item: entities.item }) } },
})

/** Reading one item by id. */
export const readable = new InterfaceDefinition({
  name: 'readable',
  version: '1.0.0',
  entities: item,
  actions: {
    read: {
      input: { schema: z.object({ id: z.string() }) },
      output: { schema: ({ entities }) => z.object({ item: entities.item }) },
    },
  },
})

/** Replacing an item, and the event that says one changed. */
export const updatable = new InterfaceDefinition({
  name: 'updatable',
  version: '1.0.0',
  entities: item,
  actions: {
    update: {
      input: { schema: ({ entities }) => z.object({ id: z.string(), item: entities.item }) },
      output: { schema: ({ entities }) => z.object({ item: entities.item }) },
    },
  },
  events: { updated: { schema: ({ entities }) => z.object({ item: entities.item }) } },
})

/** Deleting an item by id, and the event that says one is gone. */
export const deletable = new InterfaceDefinition({
  name: 'deletable',
  version: '1.0.0',
  entities: item,
  actions: {
    delete: { input: { schema: z.object({ id: z.string() }) }, output: { schema: z.object({}) } },
  },
  events: { deleted: { schema: z.object({ id: z.string() }) } },
})
