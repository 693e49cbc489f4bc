import { existsSync } from 'node:fs'
import { dirname, isAbsolute, resolve } from 'node:path'
import { userCallSite } from '../errors/call-site.js'
import type { PluginDefinition } from '../definitions/plugin-definition.js'
import { PluginImplementation, type PluginImplementationProps } from '../implementation/plugin-implementation.js'
import type { CommonHandlerProps, EventHandlerProps, MessageHandlerProps } from '../implementation/props.js'
import type { Registrar } from '../implementation/registry.js'
import type { LooseTypes } from '../implementation/types.js'
import type { Message } from '../implementation/records.js'
import type { PluginPage } from '../implementation/plugin-routes.js'
import { eventData, messageData } from './event-data.js'
import type { ManifestEventName } from './events.js'
import { findHandlerFile, openHandler, type HandlerModule } from './handler-module.js'
import type { FolderHttpRequest, FolderHttpResponse } from './python-bridge.js'
import { SESSION_STATE, manifestDefinition } from './manifest-definition.js'
import type { Manifest } from './manifest-schema.js'
import { MANIFEST_FILE, readManifest } from './read-manifest.js'
import { FOLDER_ROUTES_PATH, folderRoutes } from './folder-routes.js'

type Props = CommonHandlerProps<LooseTypes>

/** A plugin folder as a package: what `bot.addPlugin` takes, like any plugin's. */
export interface ManifestPluginPackage {
  readonly type: 'plugin'
  readonly name: string
  readonly version: string
  readonly definition: PluginDefinition
  readonly implementation: FolderPluginImplementation
  readonly manifest: Manifest
  /** The folder, absolute. */
  readonly dir: string
  /** The handler file, absolute. */
  readonly handlerFile: string
  /**
   * Serves `routes.py`: a request below the plugin's own address (`/dashboard`), answered by the Flask
   * blueprint its `create_blueprint()` returns. Absent when the folder has no routes.py.
   */
  readonly http?: (request: FolderHttpRequest) => Promise<FolderHttpResponse>
}

/** A plugin folder's implementation: a plugin's, and the folder's `routes.py` for the server to reach. */
export class FolderPluginImplementation extends PluginImplementation<LooseTypes> {
  constructor(
    props: PluginImplementationProps<LooseTypes>,
    readonly http: ((request: FolderHttpRequest) => Promise<FolderHttpResponse>) | undefined,
  ) {
    super(props)
  }
}

/**
 * Loads a plugin folder (`plugin.json` and `handler.py`, `handler.ts` or `handler.js`) as a Parley plugin.
 * A relative path is read from the file that calls this (the bot's definition), else from the current
 * directory. The manifest and the handler's functions are checked now; an error names the field.
 *
 * @example
 * bot.addPlugin(manifestPlugin('./plugins/message_logger'), { configuration: { WEBHOOK_URL: 'http://…' } })
 */
export function manifestPlugin(dir: string): ManifestPluginPackage {
  const folder = resolveFolder(dir)
  const manifest = readManifest(folder)
  const handlerFile = findHandlerFile(folder, manifest.id)
  const handler = openHandler(handlerFile, manifest.id, manifest.events)
  const definition = manifestDefinition(manifest)
  const pages: PluginPage[] = []
  const implementation = new FolderPluginImplementation({
    definition,
    actions: {},
    register: async (props) => {
      await handler.check(manifest.events)
      if (handler.pages) pages.splice(0, pages.length, ...folderPages(manifest, await listPages(handler.pages, props.logger)))
    },
    on: (plugin) => registerEvents(plugin, new Set(manifest.events), handler),
    ...(handler.http ? { routes: folderRoutes(handler.http), pages } : {}),
  }, handler.http)
  return {
    type: 'plugin', name: manifest.id, version: manifest.version, definition, implementation, manifest, dir: folder, handlerFile,
    ...(handler.http ? { http: handler.http } : {}),
  }
}

/**
 * The blueprint's pages, listed in the dashboard under the plugin's name and titled by their path (a
 * plugin folder gives its routes no titles), each served by its own route and keeping its token check.
 */
function folderPages(manifest: Manifest, paths: readonly string[]): PluginPage[] {
  return paths.map((path) => ({ path, title: path, group: manifest.name, route: `${FOLDER_ROUTES_PATH}/${path.replace(/^\/+/, '')}` }))
}

/** A routes.py that fails to load lists no pages and says why; its routes answer with the same error. */
async function listPages(pages: () => Promise<string[]>, logger: Props['logger']): Promise<string[]> {
  try {
    return await pages()
  } catch (error) {
    logger.warn(`routes.py's pages are not listed in the dashboard: ${error instanceof Error ? error.message : String(error)}`)
    return []
  }
}

function resolveFolder(dir: string): string {
  if (isAbsolute(dir)) return dir
  const caller = userCallSite()?.file
  const besideCaller = caller === undefined ? undefined : resolve(dirname(caller), dir)
  return besideCaller !== undefined && existsSync(resolve(besideCaller, MANIFEST_FILE)) ? besideCaller : resolve(dir)
}

/** Each listed event is a registration on the plugin, run where Parley runs that handler or hook. */
function registerEvents(plugin: Registrar<LooseTypes>, events: ReadonlySet<ManifestEventName>, handler: HandlerModule): void {
  if (events.has('session_created') || events.has('message_received')) plugin.message('*', (props) => onMessage(props, events, handler))
  if (events.has('turn_complete')) plugin.afterIncomingMessage('*', (props) => handler.run('turn_complete', messageData(props.data as Message), props))
  if (events.has('message_sent')) plugin.afterOutgoingMessage('*', (props) => handler.run('message_sent', messageData(props.data as Message), props))
  if (events.has('event_received')) plugin.event('*', (props: EventHandlerProps<LooseTypes>) => handler.run('event_received', eventData(props.event), props))
}

async function onMessage(props: MessageHandlerProps<LooseTypes>, events: ReadonlySet<ManifestEventName>, handler: HandlerModule): Promise<void> {
  if (events.has('session_created') && (await isFirstMessage(props))) {
    await handler.run('session_created', { session_id: props.message.conversationId, user_id: props.message.userId, channel: props.conversation.channel }, props)
  }
  if (events.has('message_received')) await handler.run('message_received', messageData(props.message), props)
}

/** The plugin's own conversation state, written once: whoever writes it first saw the conversation start. */
async function isFirstMessage(props: Props & { readonly message: Message }): Promise<boolean> {
  const startedAt = `${new Date().toISOString()} ${props.message.id}`
  const { state } = await props.states[SESSION_STATE]!.getOrSet({ id: props.message.conversationId, payload: { startedAt } })
  return (state.payload as { startedAt?: string }).startedAt === startedAt
}
