import { mkdirSync, writeFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { stringify } from 'yaml'
import { freePort, startService, userEnv, type Service } from './processes.js'

const require = createRequire(import.meta.url)

/** Scopes and names only this registry serves: never looked up upstream, where someone else may own them. */
const LOCAL_PACKAGES = ['@parley/*', 'create-parley', '@acme/*']

export interface LocalRegistry {
  readonly url: string
  /** An npm user config that points at this registry, with a token that may publish. */
  readonly userconfig: string
  /** What the registry logged (warnings and errors), to explain an install that failed. */
  output(): string
  close(): Promise<void>
}

/**
 * A real npm registry (Verdaccio) on a free port, its storage in `dir`. Parley's packages are published
 * to it; every other package is fetched from `upstream` (the registry npm is configured with), so a
 * project installed from it gets exactly what it would from the public registry. It runs in a process of
 * its own: proxying large package documents takes CPU the test's own process needs to stay responsive.
 */
export async function startLocalRegistry(dir: string, upstream: string): Promise<LocalRegistry> {
  mkdirSync(join(dir, 'storage'), { recursive: true })
  const own = { access: '$all', publish: '$authenticated' }
  writeFileSync(join(dir, 'config.yaml'), stringify({
    storage: join(dir, 'storage'),
    auth: { htpasswd: { file: join(dir, 'htpasswd'), max_users: 1 } },
    // A slow or failed upstream request must not mark the upstream offline (by default two failures do,
    // for five minutes, and every package it has not cached yet is then a 404): retry it each time.
    uplinks: { upstream: { url: upstream, timeout: '180s', maxage: '30m', max_fails: 1000, fail_timeout: '1s' } },
    packages: { ...Object.fromEntries(LOCAL_PACKAGES.map((name) => [name, own])), '**': { access: '$all', proxy: 'upstream' } },
    // Signed tokens (JWT): with the default kind, every request that carries one (npm sends it with each)
    // has the password checked against its bcrypt hash, about 90 ms of the registry's CPU a request.
    security: { api: { jwt: { sign: { expiresIn: '1d' } } } },
    web: { enable: false },
    log: { type: 'stdout', format: 'pretty', level: 'warn' },
  }))
  const port = await freePort()
  const url = `http://127.0.0.1:${port}/`
  const server = startService(process.execPath, [require.resolve('verdaccio/bin/verdaccio'), '--config', join(dir, 'config.yaml'), '--listen', `127.0.0.1:${port}`], { cwd: dir, env: userEnv() })
  await untilAnswering(url, server)
  const token = await addUser(url)
  const userconfig = join(dir, 'npmrc')
  writeFileSync(userconfig, `registry=${url}\n${url.replace(/^http:/, '')}:_authToken=${token}\naudit=false\nfund=false\nupdate-notifier=false\nfetch-retries=4\n`)
  return { url, userconfig, output: server.output, close: async () => void (await server.stop()) }
}

/** Resolves once the registry answers its ping; fails with its output if it exits first. */
async function untilAnswering(url: string, server: Service): Promise<void> {
  const deadline = Date.now() + 120_000
  while (Date.now() < deadline) {
    if (server.child.exitCode !== null) throw new Error(`the local registry exited with code ${server.child.exitCode}:\n${server.output()}`)
    if (await fetch(`${url}-/ping`).then((r) => r.ok, () => false)) return
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
  throw new Error(`the local registry did not answer within 120 s:\n${server.output()}`)
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
