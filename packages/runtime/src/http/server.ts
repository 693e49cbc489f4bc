import type { AddressInfo } from 'node:net'
import type { Server } from 'node:http'
import { serve } from '@hono/node-server'
import { createHttpApp } from './app.js'
import type { HttpOptions } from './options.js'

export interface ServerOptions extends HttpOptions {
  /** 0 (the default) picks a free port. */
  readonly port?: number
  /** `127.0.0.1` by default: reachable from this machine only, unless asked for more. */
  readonly hostname?: string
}

export interface RunningServer {
  /** `http://127.0.0.1:3000`, without a trailing slash. */
  readonly url: string
  readonly port: number
  /** Stops accepting connections and ends open ones, event streams included. */
  close(): Promise<void>
}

export async function startHttpServer(options: ServerOptions): Promise<RunningServer> {
  const app = createHttpApp(options)
  const hostname = options.hostname ?? '127.0.0.1'
  const server = await listen(app.fetch, options.port ?? 0, hostname)
  const { port } = server.address() as AddressInfo
  return { url: `http://${urlHost(hostname)}:${port}`, port, close: () => close(server) }
}

/**
 * How long an idle connection is kept. A client that sends on a connection just as the server closes it
 * gets a reset and cannot tell whether its request was taken, so a conditional write or a message is not
 * retried. Clients avoid that by closing an idle connection before the server does: fetch (undici) a
 * little before the server's `Keep-Alive: timeout` hint, proxies after their own idle time, commonly 60 s.
 * With Node's default of 5 s, a client whose event loop is a second or two late (a busy machine) sends on
 * a closing connection; 65 s outlasts a proxy's minute and the pauses of a busy client alike.
 */
export const IDLE_CONNECTION_MS = 65_000

function listen(fetch: ReturnType<typeof createHttpApp>['fetch'], port: number, hostname: string): Promise<Server> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch, port, hostname }, () => resolve(server as Server)) as Server
    server.keepAliveTimeout = IDLE_CONNECTION_MS
    // A request's headers must still be allowed longer than an idle connection lasts (Node's rule).
    server.headersTimeout = IDLE_CONNECTION_MS + 1_000
    server.once('error', reject)
  })
}

function urlHost(hostname: string): string {
  if (hostname === '0.0.0.0' || hostname === '::') return '127.0.0.1'
  return hostname.includes(':') ? `[${hostname}]` : hostname
}

function close(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()))
    // Event streams never end by themselves; without this, close would wait for every browser tab.
    server.closeAllConnections()
  })
}
