import { randomBytes } from 'node:crypto'
import { createRuntime, type Runtime, type RuntimeOptions } from '../../index.js'
import { EMBEDDED_DRIVER, type TestDriver } from '../../storage/testing/test-databases.js'
import type { RuntimeHost } from '../host.js'
import { createRuntimesHost } from '../runtime-host.js'
import { startHttpServer, type RunningServer, type ServerOptions } from '../server.js'
import { fixtureBot } from './fixture-bot.js'

/** A real runtime (embedded database in memory) served over HTTP on a free loopback port. */
export interface TestServer {
  readonly server: RunningServer
  readonly url: string
  readonly runtime: Runtime
  readonly host: RuntimeHost
  /** Scope `admin`. */
  readonly adminToken: string
  /** Scope `bot:<the bot's id>`. */
  readonly botToken: string
  /** Scope `bot:other`. */
  readonly otherToken: string
  /** Errors the server answered with a 500; a test expects none. */
  readonly serverErrors: unknown[]
  close(): Promise<void>
}

export type TestServerOptions = Partial<Omit<ServerOptions, 'host'>> & {
  readonly runtime?: Partial<RuntimeOptions>
  /**
   * The database to run on: a fresh one of this driver (a schema of its own on the server); by default a
   * fresh schema of the embedded database the test files of a worker share (see `test-databases.ts`).
   */
  readonly driver?: TestDriver
  /** What serves the runtime; `createRuntimesHost` by default. */
  readonly hostOf?: (runtime: Runtime) => RuntimeHost
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const { runtime: runtimeOptions, driver, hostOf = servedByRuntimesHost, ...serverOptions } = options
  const database = await (driver ?? EMBEDDED_DRIVER).open()
  // A runtime that fails to start must not keep the worker's shared database from the next test file.
  const runtime = await createRuntime({ ...fixtureBot(), botId: 'fixture', jobs: { mode: 'manual' }, database: database.db, ...runtimeOptions })
    .catch(async (error: unknown) => {
      await database.dispose()
      throw error
    })
  await runtime.start()
  const host = hostOf(runtime)
  const serverErrors: unknown[] = []
  const tokens = { adminToken: token(), botToken: token(), otherToken: token() }
  const server = await startHttpServer({
    host,
    tokens: [{ scope: 'admin', token: tokens.adminToken }, { scope: `bot:${runtime.botId}`, token: tokens.botToken }, { scope: 'bot:other', token: tokens.otherToken }],
    onServerError: (error) => serverErrors.push(error),
    ...serverOptions,
  })
  const close = async () => {
    await server.close()
    await runtime.stop()
    await database.dispose()
  }
  return { server, url: server.url, runtime, host, ...tokens, serverErrors, close }
}

function servedByRuntimesHost(runtime: Runtime): RuntimeHost {
  const host = createRuntimesHost()
  host.serve(runtime, { title: 'Fixture bot' })
  return host
}

function token(): string {
  return randomBytes(16).toString('hex')
}
