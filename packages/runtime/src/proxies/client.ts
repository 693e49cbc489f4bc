import { UNTYPED_CLIENT_NAMES, type Client, type ImplementationTypes, type LooseTypes } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import type { Caller } from '../engine/units.js'
import { callActionIn } from '../dispatch/actions/call-action.js'
import { receiveMessage } from '../dispatch/incoming/incoming-message.js'
import { sendMessage } from '../dispatch/outgoing/outgoing-message.js'
import * as analytics from '../operations/analytics.js'
import * as apps from '../operations/apps.js'
import * as deletions from '../operations/deletions.js'
import * as directory from '../operations/directory.js'
import { endConversation } from '../operations/conversation-end.js'
import * as events from '../operations/events.js'
import * as files from '../operations/files.js'
import * as runtimeTables from '../operations/runtime-tables.js'
import * as messages from '../operations/messages.js'
import { updateMessage } from '../operations/message-edits.js'
import * as participants from '../operations/participants.js'
import * as states from '../operations/states.js'
import * as tables from '../operations/tables.js'
import * as workflows from '../operations/workflows.js'
import { checkRequest } from '../guards/index.js'

// any: a `Client` is generic over generated types; this one serves every name and checks payloads at run time
type LooseRequest = any

type Operation = (engine: Engine, caller: Caller, request: LooseRequest) => Promise<unknown>

/** Every client method, as an operation run for a caller. */
const OPERATIONS: Readonly<Record<string, Operation>> = {
  callAction: async (engine, caller, { type, input }) => selfAsOutput(await callActionIn(engine, { name: caller.unit.scope.resolve('action', type), input, ctx: caller.ctx, caller: caller.unit }, caller.turn)),
  createEvent: events.createEvent,
  getEvent: events.getEvent,
  listEvents: events.listEvents,
  getState: states.getState,
  setState: states.setState,
  getOrSetState: states.getOrSetState,
  patchState: states.patchState,
  deleteState: states.deleteState,
  updateState: states.updateState,
  createTableRow: tables.createTableRow,
  createTableRows: tables.createTableRows,
  findTableRows: tables.findTableRows,
  listTableRows: tables.findTableRows,
  getTableRow: tables.getTableRow,
  updateTableRows: tables.updateTableRows,
  upsertTableRows: tables.upsertTableRows,
  deleteTableRows: tables.deleteTableRows,
  aggregateTableRows: tables.aggregateTableRows,
  getUser: directory.getUser,
  getOrCreateUser: directory.getOrCreateUser,
  updateUser: directory.updateUser,
  listUsers: directory.listUsers,
  getConversation: directory.getConversation,
  getOrCreateConversation: directory.getOrCreateConversation,
  updateConversation: directory.updateConversation,
  listConversations: directory.listConversations,
  endConversation,
  deleteUser: deletions.deleteUser,
  deleteConversation: deletions.deleteConversation,
  deleteMessage: deletions.deleteMessage,
  ...participants,
  createMessage: async (engine, caller, request) => ({ message: await createMessage(engine, caller, request) }),
  getMessage: messages.getMessage,
  listMessages: messages.listMessages,
  updateMessage,
  createTable: runtimeTables.createTable,
  getTable: runtimeTables.getTable,
  deleteTable: runtimeTables.deleteTable,
  uploadFile: files.uploadFile,
  upsertFile: files.upsertFile,
  getFile: files.getFile,
  listFiles: files.listFiles,
  deleteFile: files.deleteFile,
  searchFiles: files.searchFiles,
  trackAnalytics: analytics.trackAnalytics,
  listAnalytics: analytics.listAnalytics,
  startWorkflow: workflows.startWorkflow,
  getWorkflow: workflows.getWorkflow,
  updateWorkflow: workflows.updateWorkflow,
  listWorkflows: workflows.listWorkflows,
  // Apps belong to the bot, whoever installs them.
  installApp: (engine, _caller, request) => apps.installApp(engine, request),
  listApps: (engine) => apps.listApps(engine),
  uninstallApp: (engine, _caller, request) => apps.uninstallApp(engine, request),
  rotateAppSecret: (engine, _caller, request) => apps.rotateAppSecret(engine, request),
  listAppDeliveries: (engine, _caller, request) => apps.listAppDeliveries(engine, request),
}

const ENTRIES = Object.entries(OPERATIONS)

/**
 * The client handed to code: every operation goes through the caller's scope (its own names get its
 * prefix) and carries the caller's context (an action it calls inherits the conversation and user).
 * Every request is checked first (`checkRequest`). Each method is an own, enumerable property, so
 * `Object.keys(client)` and `{ ...client }` see them all, as with a plain object, and a method taken off
 * the client (`const { getState } = client`) still works.
 *
 * A message makes a client for each unit whose code reads one (its `client`, or a proxy over it), so this
 * runs several times a message: one closure per method, assigned one by one to a plain object (which V8
 * keeps as a dictionary at this size: cheap to build, where copying a template object of every name
 * cost four times as much; bench/dispatch/README.md). Binding one shared function per method instead
 * made fewer objects but cost five times the CPU: `bind` with arguments has no fast path.
 */
export function createClient<T extends ImplementationTypes = LooseTypes>(engine: Engine, caller: Caller): Client<T> {
  const client: Record<string, unknown> = {}
  for (const [name, operation] of ENTRIES) {
    client[name] = async (request: LooseRequest) => {
      checkRequest(name, request)
      return operation(engine, caller, request)
    }
  }
  // Botpress code reaches the untyped client under the typed one as `client._inner` (older plugins as
  // `client._client`); this client already serves every name, so it is its own (not enumerable: it is no method).
  for (const name of UNTYPED_CLIENT_NAMES) Object.defineProperty(client, name, { value: client, configurable: true })
  // Every method takes any request of its name's shape, so the object serves any `Client<T>`.
  return client as unknown as Client<T>
}

/**
 * An action's output that also reads as `{ output }`, as Botpress code destructures it. The extra
 * property is not enumerable, so the output compares and serializes as it is; an output with a field
 * of its own named `output` keeps it.
 */
function selfAsOutput<T>(output: T): T {
  if (typeof output !== 'object' || output === null || Object.hasOwn(output, 'output') || !Object.isExtensible(output)) return output
  return Object.defineProperty(output, 'output', { value: output, enumerable: false })
}

/**
 * The bot and its plugins send messages; an integration's code creates the messages its users send,
 * which the bot then receives.
 */
async function createMessage(engine: Engine, caller: Caller, request: LooseRequest) {
  if (caller.unit.kind !== 'integration') return sendMessage(engine, caller.ctx, request, caller.turn)
  return (await receiveMessage(engine, request, caller.turn)).message
}
