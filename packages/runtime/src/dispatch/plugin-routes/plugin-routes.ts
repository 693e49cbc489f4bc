import type { PluginPage, PluginRequest, PluginResponse, PluginRoute } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../engine/errors.js'
import type { CodeUnit } from '../../engine/units.js'
import { createWebhookDeliveries } from '../../storage/index.js'

/** A plugin's route found for a request: who serves it, and whether it needs a token. */
export interface FoundPluginRoute {
  readonly unit: CodeUnit
  readonly route: PluginRoute
}

/** A dashboard page with the plugin that adds it and where it is served. */
export interface ListedPluginPage extends Omit<PluginPage, 'html'> {
  readonly pluginId: string
  /** Below the server's root: `/api/plugins/<alias>/pages/<path>`, or the address of the route that serves it. */
  readonly url: string
}

/** `endpoints/stats` for `/endpoints/stats/`: how routes and requests are compared. */
export function routePath(path: string): string {
  return path.replace(/^\/+|\/+$/g, '')
}

/**
 * The route of plugin `alias` for this method and path, pages included (served as public HTML).
 * `undefined` when the plugin serves nothing there; the plugin must exist.
 */
export function findPluginRoute(engine: Engine, alias: string, method: string, path: string): FoundPluginRoute | undefined {
  const unit = pluginUnit(engine, alias)
  const wanted = routePath(path)
  const route = routesOf(unit).find((entry) => entry.method === method.toUpperCase() && serves(entry, wanted))
  return route && { unit, route }
}

/** Runs a route's handler with the plugin's props; a handler that throws rejects, for the server to answer 500. */
export async function handlePluginRequest(engine: Engine, found: FoundPluginRoute, request: PluginRequest): Promise<PluginResponse> {
  const ctx = { botId: engine.botId, alias: found.unit.alias, conversationId: '', userId: request.user?.id ?? '', messageId: '', eventId: '' }
  const deliveries = createWebhookDeliveries(engine.db, engine.botId, found.unit.alias)
  return found.route.handler(engine.props.code(found.unit, ctx, undefined, { request, deliveries }) as never)
}

/** Every plugin's dashboard pages, in the order the plugins were added. */
export function listPluginPages(engine: Engine): ListedPluginPage[] {
  return [...engine.plugins.values()].flatMap((unit) => (unit.pages ?? []).map(({ html: _html, ...page }) => ({
    ...page, pluginId: unit.alias, url: `/api/plugins/${encodeURIComponent(unit.alias)}/${pageServedAt(page)}`,
  })))
}

/** Below the plugin's address: the route that serves the page, or its own under `pages/`. */
function pageServedAt(page: Pick<PluginPage, 'path' | 'route'>): string {
  return page.route === undefined ? `pages/${routePath(page.path)}` : routePath(page.route)
}

/** The route's own path, or, for a prefix route, that path and every path below it. */
function serves(route: PluginRoute, wanted: string): boolean {
  const path = routePath(route.path)
  return wanted === path || (route.prefix === true && wanted.startsWith(`${path}/`))
}

function routesOf(unit: CodeUnit): PluginRoute[] {
  return [...(unit.routes ?? []), ...(unit.pages ?? []).filter((page) => page.route === undefined).map((page) => pageRoute(page))]
}

function pageRoute(page: PluginPage): PluginRoute {
  return { method: 'GET', path: `pages/${routePath(page.path)}`, access: 'public', handler: () => ({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8' }, body: page.html ?? plainPage(page) }) }
}

function plainPage(page: PluginPage): string {
  const title = escapeHtml(page.title)
  return `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p data-component="${escapeHtml(page.component ?? '')}">${escapeHtml(page.group ?? '')}</p></body></html>`
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`)
}

function pluginUnit(engine: Engine, alias: string): CodeUnit {
  const unit = engine.plugins.get(alias)
  if (unit) return unit
  throw new RuntimeError('NAME_UNKNOWN', `the bot has no plugin "${alias}"; its plugins are ${[...engine.plugins.keys()].map((a) => `"${a}"`).join(', ') || 'none'}`)
}
