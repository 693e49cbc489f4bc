import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { delimiter } from 'node:path'

export interface CommandResult {
  readonly code: number
  readonly output: string
}

/**
 * The environment a person's shell would give a command: this test run's own npm and vitest settings
 * removed (`npm test` exports `npm_config_*`, which would point npm at this repository, and puts the
 * repository's `node_modules/.bin` on PATH, where `npx parley` would find this checkout's CLI).
 */
export function userEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {}
  for (const [key, value] of Object.entries(process.env)) {
    if (!/^(npm_|VITEST|INIT_CWD$|NODE_ENV$|NODE_OPTIONS$|TURBO_)/i.test(key)) env[key] = value
  }
  env['PATH'] = (process.env['PATH'] ?? '').split(delimiter).filter((dir) => !dir.includes('node_modules')).join(delimiter)
  return { ...env, NO_COLOR: '1', ...extra }
}

/** Runs a command to completion, with its output (stdout and stderr, interleaved) for the failure message. */
export function run(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
    let output = ''
    child.stdout.on('data', (chunk) => (output += chunk))
    child.stderr.on('data', (chunk) => (output += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, output: `$ ${command} ${args.join(' ')}  (in ${options.cwd})\n${output}` }))
  })
}

/** A long-running command (`parley dev`, `parley start`), stopped by the test. */
export interface Service {
  readonly child: ChildProcess
  output(): string
  /** Resolves with the exit code once it exited; SIGKILL if SIGTERM did not end it within a minute. */
  stop(): Promise<number | null>
}

export function startService(command: string, args: readonly string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Service {
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  child.stdout!.on('data', (chunk) => (output += chunk))
  child.stderr!.on('data', (chunk) => (output += chunk))
  // 'exit', not 'close': a grandchild the service started may hold its output open after it ended.
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000)
    const code = await exited
    clearTimeout(timer)
    return code
  }
  return { child, output: () => output, stop }
}

/** A port nothing listens on now (the OS picks it), for a server the test starts next. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.once('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number }
      server.close(() => resolve(port))
    })
  })
}
