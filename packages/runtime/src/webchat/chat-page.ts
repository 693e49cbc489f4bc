import { readFileSync } from 'node:fs'
import type { Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'
import { ownValue } from '../guards/index.js'
import type { RuntimeHost } from '../http/host.js'

/**
 * The assets ship as source in the package (`files` has `src`); the same relative path reaches them from
 * `src/webchat` when running from source and from `dist/webchat` when built.
 */
const ASSETS = new URL('../../src/webchat/assets/', import.meta.url)

const TYPES = { 'chat.js': 'text/javascript; charset=utf-8', 'chat.css': 'text/css; charset=utf-8' } as const

/** A bot's images may come from anywhere; everything else only from this server. */
const POLICY = {
  defaultSrc: ["'self'"],
  imgSrc: ["'self'", 'https:', 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'self'"],
}

/** The chat page at `/chat/:botId`, and its script and style, public like the web chat session route. */
export function mountChatPage(app: Hono, host: RuntimeHost): void {
  const page = readAsset('index.html')
  const assets = Object.fromEntries(Object.keys(TYPES).map((name) => [name, readAsset(name)]))
  app.use('/chat/*', secureHeaders({ contentSecurityPolicy: POLICY }))
  app.get('/chat/assets/:name', (c) => {
    // The name is the visitor's: only the assets' own names may be looked up, never `constructor`.
    const name = c.req.param('name')
    const body = ownValue(assets, name)
    return body === undefined ? c.notFound() : c.body(body, 200, { 'Content-Type': TYPES[name as keyof typeof TYPES], 'Cache-Control': 'no-cache' })
  })
  app.get('/chat/:botId', (c) => (host.bot(c.req.param('botId')) ? c.html(page) : c.notFound()))
}

function readAsset(name: string): string {
  return readFileSync(new URL(name, ASSETS), 'utf8')
}
