import type { RowMeta } from '@parley/sdk'
import { actionOperations } from './actions.js'
import { analyticsOperations } from './analytics.js'
import { appOperations } from './apps.js'
import { directoryOperations } from './directory.js'
import { eventOperations } from './events.js'
import { fileOperations } from './files.js'
import { messageEditOperations } from './message-edits.js'
import { messageOperations } from './messages.js'
import type { ClientAlias, ClientName, ClientOperation } from './operation.js'
import { participantOperations } from './participants.js'
import { stateOperations } from './states.js'
import { tableOperations } from './tables.js'
import { workflowOperations } from './workflows.js'

/**
 * The client API over HTTP, described once: each method of `Client` by name, with its method, path,
 * schemas and wire mapping. The server's routes, the OpenAPI document and the HTTP client are all derived
 * from this table, so none of them can drift from the others.
 *
 * Why not `@hono/zod-openapi`: its line for zod 3 (0.19) is the previous major, kept for zod 3 only (1.x
 * needs zod 4, which the SDK does not use); it converts schemas with `@asteasolutions/zod-to-openapi`,
 * a second converter beside `@anatine/zod-openapi`, which code generation uses, so one schema would be
 * documented two ways; and its validator checks one part of a request at a time through hooks, where
 * this API checks the credential first, then guards the whole request, then reports every failing field
 * of path, query and body at once. What it would add — routes from descriptions and a document — is the
 * small part of this table; the HTTP client, which it does not derive, is the larger.
 */
export const clientOperations = {
  ...directoryOperations,
  ...messageOperations,
  ...eventOperations,
  ...stateOperations,
  ...tableOperations,
  ...workflowOperations,
  ...actionOperations,
  ...appOperations,
  ...fileOperations,
  ...analyticsOperations,
  ...participantOperations,
  ...messageEditOperations,
} as const

/** Methods served by another's route. */
export const clientAliases = {
  listTableRows: { via: 'findTableRows' } satisfies ClientAlias<'listTableRows', 'findTableRows'>,
  createTableRow: {
    via: 'createTableRows',
    toRequest: ({ table, row }) => ({ table, rows: [row] }),
    fromResult: ({ rows }) => ({ row: rows[0] as Record<string, unknown> & RowMeta }),
  } satisfies ClientAlias<'createTableRow', 'createTableRows'>,
} as const

/**
 * Methods the HTTP client composes from the operations above instead of calling a route of their own:
 * `updateState` reads, applies and writes with `If-Match`, retrying on 412 (`http-client/update-state.ts`).
 */
export const clientComposites = ['updateState'] as const

type Routed = keyof typeof clientOperations | keyof typeof clientAliases
type Missing = Exclude<ClientName, Routed | (typeof clientComposites)[number]>
type NotInClient = Exclude<Routed, ClientName>

/** Fails to compile, naming the methods, when a `Client` method is not described or a description names no method. */
export const everyMethodDescribed: [Missing, NotInClient] extends [never, never] ? true : { missing: Missing; notInClient: NotInClient } = true

export type { ClientOperation, ClientAlias, ClientName, Method, Success, Wire } from './operation.js'

/** The operations as a list of named entries, for the server and the document. */
export function operationEntries(): [ClientName, ClientOperation][] {
  return Object.entries(clientOperations) as unknown as [ClientName, ClientOperation][]
}
