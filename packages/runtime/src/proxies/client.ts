import type { Client, ImplementationTypes, LooseTypes } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import type { Caller } from '../engine/units.js'
import { callActionIn } from '../dispatch/actions/call-action.js'
import { receiveMessage } from '../dispatch/incoming/incoming-message.js'
import { sendMessage } from '../dispatch/outgoing/outgoing-message.js'
import * as apps from '../operations/apps.js'
import * as directory from '../operations/directory.js'
import { endConversation } from '../operations/conversation-end.js'
import * as events from '../operations/events.js'
import * as files from '../operations/files.js'
import * as runtimeTables from '../operations/runtime-tables.js'
import * as messages from '../operations/messages.js'
import * as states from '../operations/states.js'
import * as tables from '../operations/tables.js'
import * as workflows from '../operations/workflows.js'
import { checkedClient } from '../guards/index.js'

// any: a `Client` is generic over generated types; this one serves every name and checks payloads at run time
type LooseRequest = any

/**
 * The client handed to code: every operation goes through the caller's scope (its own names get its
 * prefix) and carries the caller's context (an action it calls inherits the conversation and user).
 */
export function createClient<T extends ImplementationTypes = LooseTypes>(engine: Engine, caller: Caller): Client<T> {
  const client = {
    callAction: async ({ type, input }: LooseRequest) => selfAsOutput(await callActionIn(engine, { name: caller.unit.scope.resolve('action', type), input, ctx: caller.ctx, caller: caller.unit }, caller.turn)),
    createEvent: (request: LooseRequest) => events.createEvent(engine, caller, request),
    getEvent: (request: LooseRequest) => events.getEvent(engine, caller, request),
    listEvents: (request?: LooseRequest) => events.listEvents(engine, caller, request),
    getState: (request: LooseRequest) => states.getState(engine, caller, request),
    setState: (request: LooseRequest) => states.setState(engine, caller, request),
    getOrSetState: (request: LooseRequest) => states.getOrSetState(engine, caller, request),
    patchState: (request: LooseRequest) => states.patchState(engine, caller, request),
    deleteState: (request: LooseRequest) => states.deleteState(engine, caller, request),
    updateState: (request: LooseRequest) => states.updateState(engine, caller, request),
    createTableRow: (request: LooseRequest) => tables.createTableRow(engine, caller, request),
    createTableRows: (request: LooseRequest) => tables.createTableRows(engine, caller, request),
    findTableRows: (request: LooseRequest) => tables.findTableRows(engine, caller, request),
    listTableRows: (request: LooseRequest) => tables.findTableRows(engine, caller, request),
    getTableRow: (request: LooseRequest) => tables.getTableRow(engine, caller, request),
    updateTableRows: (request: LooseRequest) => tables.updateTableRows(engine, caller, request),
    upsertTableRows: (request: LooseRequest) => tables.upsertTableRows(engine, caller, request),
    deleteTableRows: (request: LooseRequest) => tables.deleteTableRows(engine, caller, request),
    aggregateTableRows: (request: LooseRequest) => tables.aggregateTableRows(engine, caller, request),
    getUser: (request: LooseRequest) => directory.getUser(engine, caller, request),
    getOrCreateUser: (request: LooseRequest) => directory.getOrCreateUser(engine, caller, request),
    updateUser: (request: LooseRequest) => directory.updateUser(engine, caller, request),
    listUsers: (request?: LooseRequest) => directory.listUsers(engine, caller, request),
    getConversation: (request: LooseRequest) => directory.getConversation(engine, caller, request),
    getOrCreateConversation: (request: LooseRequest) => directory.getOrCreateConversation(engine, caller, request),
    updateConversation: (request: LooseRequest) => directory.updateConversation(engine, caller, request),
    listConversations: (request?: LooseRequest) => directory.listConversations(engine, caller, request),
    endConversation: (request: LooseRequest) => endConversation(engine, caller, request),
    createMessage: async (request: LooseRequest) => ({ message: await createMessage(engine, caller, request) }),
    getMessage: (request: LooseRequest) => messages.getMessage(engine, caller, request),
    listMessages: (request: LooseRequest) => messages.listMessages(engine, caller, request),
    createTable: (request: LooseRequest) => runtimeTables.createTable(engine, caller, request),
    getTable: (request: LooseRequest) => runtimeTables.getTable(engine, caller, request),
    deleteTable: (request: LooseRequest) => runtimeTables.deleteTable(engine, caller, request),
    uploadFile: (request: LooseRequest) => files.uploadFile(engine, caller, request),
    upsertFile: (request: LooseRequest) => files.upsertFile(engine, caller, request),
    getFile: (request: LooseRequest) => files.getFile(engine, caller, request),
    listFiles: (request?: LooseRequest) => files.listFiles(engine, caller, request),
    deleteFile: (request: LooseRequest) => files.deleteFile(engine, caller, request),
    startWorkflow: (request: LooseRequest) => workflows.startWorkflow(engine, caller, request),
    getWorkflow: (request: LooseRequest) => workflows.getWorkflow(engine, caller, request),
    updateWorkflow: (request: LooseRequest) => workflows.updateWorkflow(engine, caller, request),
    listWorkflows: (request?: LooseRequest) => workflows.listWorkflows(engine, caller, request),
    installApp: (request: LooseRequest) => apps.installApp(engine, request),
    listApps: () => apps.listApps(engine),
    uninstallApp: (request: LooseRequest) => apps.uninstallApp(engine, request),
    rotateAppSecret: (request: LooseRequest) => apps.rotateAppSecret(engine, request),
    listAppDeliveries: (request?: LooseRequest) => apps.listAppDeliveries(engine, request),
  }
  // Every method takes any request of its name's shape, so the object serves any `Client<T>`.
  return checkedClient(client) as unknown as Client<T>
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
