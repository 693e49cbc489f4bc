import { InterfaceDefinition, z, type Schema } from '@parley/sdk'

/** Every item of a CRUD interface has at least an id; integrations map `item` to their richer entity. */
const baseItem = z.object({ id: z.string() })
const entities = { item: { title: 'Item', schema: baseItem } }
const withId = (item: Schema) => z.intersection(item, baseItem)
const nextToken = z.string().optional()

// The Botpress CRUD interfaces, field for field: each action's items keep the integration's own fields
// and always have an id.

/**
 * Paged listing of an integration's items.
 *
 * @example
 * github.extend(listable, ({ entities }) => ({ entities: { item: entities.issue } }))
 */
export const listable = new InterfaceDefinition({
  name: 'listable',
  version: '1.0.0',
  entities,
  actions: {
    list: {
      input: { schema: () => z.object({ nextToken }) },
      output: { schema: ({ item }) => z.object({ items: z.array(withId(item)), meta: z.object({ nextToken }) }) },
    },
  },
})

/** Creating an item, and the event that says one was created. */
export const creatable = new InterfaceDefinition({
  name: 'creatable',
  version: '1.0.0',
  entities,
  actions: {
    create: {
      input: { schema: ({ item }) => z.object({ item }) },
      output: { schema: ({ item }) => z.object({ item: withId(item) }) },
    },
  },
  events: { created: { schema: ({ item }) => z.object({ item: withId(item) }) } },
})

/** Reading one item by id. */
export const readable = new InterfaceDefinition({
  name: 'readable',
  version: '1.0.0',
  entities,
  actions: {
    read: {
      input: { schema: () => baseItem },
      output: { schema: ({ item }) => z.object({ item: withId(item) }) },
    },
  },
})

/** Replacing an item, and the event that says one changed. */
export const updatable = new InterfaceDefinition({
  name: 'updatable',
  version: '1.0.0',
  entities,
  actions: {
    update: {
      input: { schema: ({ item }) => baseItem.extend({ item }) },
      output: { schema: ({ item }) => z.object({ item: withId(item) }) },
    },
  },
  events: { updated: { schema: ({ item }) => z.object({ item: withId(item) }) } },
})

/** Deleting an item by id, and the event that says one is gone. */
export const deletable = new InterfaceDefinition({
  name: 'deletable',
  version: '1.0.0',
  entities,
  actions: {
    delete: { input: { schema: () => baseItem }, output: { schema: () => z.object({}) } },
  },
  events: { deleted: { schema: () => baseItem } },
})
