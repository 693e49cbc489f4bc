import { readFile } from 'node:fs/promises'
import { extname, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import type { Context, Hono } from 'hono'
import { secureHeaders } from 'hono/secure-headers'

/**
 * The studio's prebuilt files: `packages/runtime/studio/`, which the package publishes. The same relative
 * path reaches it from `src/http/studio` when running from source and from `dist/http/studio` when built.
 */
export const STUDIO_DIR = fileURLToPath(new URL('../../../studio/', import.meta.url))

const TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8', '.json': 'application/json', '.map': 'application/json', '.svg': 'image/svg+xml',
  '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp', '.ico': 'image/x-icon',
  '.woff': 'font/woff', '.woff2': 'font/woff2', '.ttf': 'font/ttf', '.txt': 'text/plain; charset=utf-8', '.wasm': 'application/wasm',
}

/** Everything from this server only; charts and the API viewer set inline styles. */
const POLICY = {
  defaultSrc: ["'self'"],
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  frameAncestors: ["'none'"],
}

const NOT_BUILT = `<!doctype html><meta charset="utf-8"><title>Parley Studio</title>
<p>Parley Studio is not built in this copy of @parley/runtime. Run <code>npx turbo run build --filter=@parley/studio</code>
in the Parley repository, or install a published @parley/runtime, which ships it.</p>`

/**
 * `/studio` and every path below it: the file when there is one (its type from its extension), else the
 * app's `index.html`, whose script routes in the browser. The files hold no data: every route the app
 * calls checks the session. A path that leaves the folder is refused.
 */
export function mountStudioFiles(app: Hono, root: string = STUDIO_DIR): void {
  const base = resolve(root)
  app.use('/studio', secureHeaders({ contentSecurityPolicy: POLICY }))
  app.use('/studio/*', secureHeaders({ contentSecurityPolicy: POLICY }))
  app.get('/studio', (c) => c.redirect('/studio/', 301))
  app.get('/studio/*', (c) => serve(c, base))
}

async function serve(c: Context, base: string): Promise<Response> {
  const relative = safeRelative(c.req.path.slice('/studio/'.length))
  if (relative === undefined) return c.notFound()
  if (relative !== '') {
    const file = await readInside(base, relative)
    if (file) return c.body(new Uint8Array(file), 200, { 'Content-Type': typeOf(relative), 'Cache-Control': cacheOf(relative) })
    // A missing asset is a 404; any other path is a page of the app.
    if (relative.startsWith('assets/') || extname(relative) !== '') return c.notFound()
  }
  const index = await readInside(base, 'index.html')
  if (!index) return c.html(NOT_BUILT, 503)
  return c.body(new Uint8Array(index), 200, { 'Content-Type': TYPES['.html']!, 'Cache-Control': 'no-cache' })
}

/** The decoded path below `/studio/`, or undefined when it could reach outside the folder or holds what no file name does. */
export function safeRelative(raw: string): string | undefined {
  let path: string
  try {
    path = decodeURIComponent(raw)
  } catch {
    return undefined
  }
  if (/[\0\\]/.test(path) || path.startsWith('/')) return undefined
  if (path.split('/').some((part) => part === '..' || part === '.')) return undefined
  return path
}

async function readInside(base: string, relative: string): Promise<Buffer | undefined> {
  const full = resolve(base, relative)
  if (!full.startsWith(base + sep)) return undefined
  try {
    return await readFile(full)
  } catch {
    return undefined
  }
}

function typeOf(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream'
}

/** Vite names built assets by their content: they never change under one name. */
function cacheOf(path: string): string {
  return path.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache'
}
