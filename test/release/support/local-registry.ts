import { mkdirSync, writeFileSync } from 'node:fs'
import type { Server } from 'node:http'
import { join } from 'node:path'
import { runServer } from 'verdaccio'

/** Scopes and names only this registry serves: never looked up upstream, where someone else may own them. */
const LOCAL_PACKAGES = ['@parley/*', 'create-parley', '@acme/*']

export interface LocalRegistry {
  readonly url: string
  /** An npm user config that points at this registry, with a token that may publish. */
  readonly userconfig: string
  close(): Promise<void>
}

/**
 * A real npm registry (Verdaccio) on a free port, its storage in `dir`. Parley's packages are published
 * to it; every other package is fetched from `upstream` (the registry npm is configured with), so a
 * project installed from it gets exactly what it would from the public registry.
 */
export async function startLocalRegistry(dir: string, upstream: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true })
  const own = { access: '$all', publish: '$authenticated' }
  const server: Server = await runServer({
    self_path: join(dir, 'config.yaml'),
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    uplinks: { upstream: { url: upstream, timeout: '60s', maxage: '30m' } },
    packages: { ...Object.fromEntries(LOCAL_PACKAGES.map((name) => [name, own])), '**': { access: '$all', proxy: 'upstream' } },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'error' },
  } as never) // the config type asks for every optional field; Verdaccio fills in defaults
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => resolve())
  })
  const url = `http://127.0.0.1:${(server.address() as { port: number }).port}/`
  const token = await addUser(url)
  const userconfig = join(dir, 'npmrc')
  writeFileSync(userconfig, `registry=${url}\n${url.replace(/^http:/, '')}:_authToken=${token}\naudit=false\nfund=false\nupdate-notifier=false\n`)
  const close = () => new Promise<void>((resolve) => {
    server.close(() => resolve())
    // npm keeps connections alive; they would hold close() open.
    server.closeAllConnections()
  })
  return { url, userconfig, close }
}

/** Signs up a publisher the way `npm adduser` does, and returns its token. */
async function addUser(url: string): Promise<string> {
  const response = await fetch(`${url}-/user/org.couchdb.user:parley`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ name: 'parley', password: 'parley-test-publisher' }),
  })
  const body = (await response.json()) as { token?: string }
  if (!response.ok || !body.token) throw new Error(`the local registry refused a new user: ${response.status} ${JSON.stringify(body)}`)
  return body.token
}
