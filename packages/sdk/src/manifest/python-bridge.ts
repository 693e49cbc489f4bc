import { AsyncLocalStorage } from 'node:async_hooks'
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process'
import { dirname } from 'node:path'
import { createInterface } from 'node:readline'
import { PYTHON_BRIDGE_SOURCE } from './python-bridge-source.js'

/** What the handler asked of the runtime while it ran: a log line, or a call that needs an answer. */
export interface BridgeHost {
  log(message: string, level: string): void
  call(method: string, args: unknown): Promise<unknown>
  /** What the handler printed (its stderr and stdout). */
  output(line: string): void
}

/** How one `on_<event>` call ended: nothing when it returned, the exception and traceback when it raised. */
export interface BridgeOutcome {
  readonly error?: string
  readonly traceback?: string
}

/** A request for a folder plugin's routes: its path below the plugin's own address. */
export interface FolderHttpRequest {
  readonly method: string
  readonly path: string
  readonly query?: Readonly<Record<string, string>>
  readonly headers?: Readonly<Record<string, string>>
  readonly body?: string | Uint8Array
}

export interface FolderHttpResponse {
  readonly status: number
  readonly headers: Record<string, string>
  readonly body: Uint8Array
}

interface Message {
  readonly type: string
  readonly id?: number
  readonly [field: string]: unknown
}

/** A request in flight. Requests nest when a handler's sdk call leads to another event of the plugin. */
interface Frame {
  readonly id: number
  readonly host: BridgeHost | undefined
  readonly resolve: (message: Message) => void
  readonly reject: (error: Error) => void
}

interface Child {
  readonly process: ChildProcessWithoutNullStreams
  readonly ready: Promise<void>
  readonly frames: Frame[]
  /** Why the runtime stopped it, when it did. */
  stopped?: string
}

/** Long enough for the slowest sdk call (an HTTP request may take 300 s); a handler stuck for longer is stopped. */
const DEFAULT_TIMEOUT_MS = 600_000

function stop(child: Child, reason: string): void {
  child.stopped = reason
  child.process.kill('SIGKILL')
}

/**
 * One long-lived `python3` per plugin, speaking JSON lines. Requests go one at a time, except those an
 * sdk call leads to (sending a message fires `message_sent`), which run inside the call. A child that
 * dies fails the requests in flight and is started again for the next one.
 */
export class PythonBridge {
  private child: Child | undefined
  private tail: Promise<unknown> = Promise.resolve()
  private ids = 0
  /** Set while the runtime answers one of this child's sdk calls. */
  private readonly answering = new AsyncLocalStorage<true>()

  constructor(
    readonly handlerFile: string,
    readonly python: string,
    /** The folder's `routes.py`, if it has one. */
    readonly routesFile: string | undefined,
    /** How long one event may take, sdk calls included; past it the child is stopped and started again. */
    public timeoutMs: number = DEFAULT_TIMEOUT_MS,
  ) {}

  /** The `on_<event>` functions the handler lacks, among those given. */
  async missing(events: readonly string[]): Promise<string[]> {
    const done = await this.request({ type: 'check', events }, undefined)
    return done['missing'] as string[]
  }

  async run(event: string, data: unknown, config: unknown, host: BridgeHost): Promise<BridgeOutcome> {
    const done = await this.request({ type: 'event', event, data, config }, host)
    return { error: done['error'] as string | undefined, traceback: done['traceback'] as string | undefined }
  }

  /** A request to the Flask blueprint of `routes.py`, answered in the child by Flask itself. */
  async http(request: FolderHttpRequest): Promise<FolderHttpResponse> {
    const done = await this.request({ type: 'http', ...request, body: Buffer.from(request.body ?? '').toString('base64') }, undefined)
    if (done['error'] !== undefined) throw new Error(`${String(done['error'])}\n${String(done['traceback'])}`)
    return { status: Number(done['status']), headers: done['headers'] as Record<string, string>, body: Buffer.from(String(done['body']), 'base64') }
  }

  /** The paths of the blueprint's pages: its GET routes without variables, outside `api/` and `static/`. */
  async pages(): Promise<string[]> {
    const done = await this.request({ type: 'pages' }, undefined)
    if (done['error'] !== undefined) throw new Error(`${String(done['error'])}\n${String(done['traceback'])}`)
    return done['paths'] as string[]
  }

  close(): void {
    this.child?.process.kill()
    this.child = undefined
  }

  private request(body: { readonly type: string; readonly [field: string]: unknown }, host: BridgeHost | undefined): Promise<Message> {
    const request = { ...body, id: ++this.ids }
    if (this.answering.getStore()) return this.exchange(request, host)
    const next = this.tail.then(() => this.exchange(request, host))
    this.tail = next.catch(() => undefined)
    return next
  }

  private async exchange(request: Message & { readonly id: number }, host: BridgeHost | undefined): Promise<Message> {
    const child = this.alive()
    holdOpen(child, true)
    await child.ready.catch((error: unknown) => {
      if (child.frames.length === 0) holdOpen(child, false)
      throw error
    })
    return new Promise<Message>((resolve, reject) => {
      const timer = setTimeout(() => stop(child, `did not finish on_${String(request['event'] ?? request.type)} within ${this.timeoutMs / 1000} s, so it was stopped`), this.timeoutMs)
      const settle = <T>(done: (value: T) => void) => (value: T) => {
        clearTimeout(timer)
        if (child.frames.length === 0) holdOpen(child, false)
        done(value)
      }
      child.frames.push({ id: request.id, host, resolve: settle(resolve), reject: settle(reject) })
      child.process.stdin.write(`${JSON.stringify(request)}\n`)
    })
  }

  private alive(): Child {
    if (this.child && this.child.process.exitCode === null && !this.child.process.killed) return this.child
    const child = startChild([this.handlerFile, ...(this.routesFile ? [this.routesFile] : [])], this.python, (message) => this.receive(child, message), () => {
      if (this.child === child) this.child = undefined
    })
    this.child = child
    return child
  }

  private receive(child: Child, message: Message): void {
    const frame = child.frames.at(-1)
    if (frame === undefined) return
    if (message.type === 'done' && message.id === frame.id) {
      child.frames.pop()
      return frame.resolve(message)
    }
    if (message.type === 'log') return frame.host?.log(String(message['message']), String(message['level']))
    if (message.type === 'call' && frame.host) void this.answering.run(true, () => answer(child, message, frame.host!))
  }
}

async function answer(child: Child, message: Message, host: BridgeHost): Promise<void> {
  const reply = await host.call(String(message['method']), message['args']).then(
    (result) => ({ type: 'reply', id: message.id, result: result ?? null }),
    (error: unknown) => ({ type: 'reply', id: message.id, error: error instanceof Error ? error.message : String(error) }),
  )
  child.process.stdin.write(`${JSON.stringify(reply)}\n`)
}

function startChild(files: readonly string[], python: string, receive: (message: Message) => void, onExit: () => void): Child {
  const handlerFile = files[0]!
  const process = spawn(python, ['-u', '-c', PYTHON_BRIDGE_SOURCE, ...files], { cwd: dirname(handlerFile), stdio: 'pipe' })
  let markReady: () => void = () => undefined
  let failStart: (error: Error) => void = () => undefined
  const ready = new Promise<void>((resolve, reject) => { markReady = resolve; failStart = reject })
  ready.catch(() => undefined)
  const child: Child = { process, ready, frames: [] }
  const output = (line: string) => child.frames.at(-1)?.host?.output(line)
  createInterface({ input: process.stdout }).on('line', (line) => {
    const message = parseLine(line)
    if (message === undefined) return output(line)
    if (message.type === 'ready') return markReady()
    if (message.type === 'fatal') return failStart(new Error(`${handlerFile} failed to load: ${String(message['error'])}\n${String(message['traceback'])}`))
    receive(message)
  })
  createInterface({ input: process.stderr }).on('line', output)
  const died = (reason: string) => {
    onExit()
    const error = new Error(`python3 running ${handlerFile} ${reason}; it starts again with the next event`)
    failStart(error)
    for (const frame of child.frames.splice(0)) frame.reject(error)
  }
  process.on('exit', (code, signal) => died(child.stopped ?? `exited (${signal ?? `code ${code}`})`))
  process.on('error', (error) => died(`could not run: ${error.message}`))
  process.stdin.on('error', () => undefined)
  holdOpen(child, false)
  return child
}

/**
 * An idle child must not keep the bot's process alive (it ends itself when its stdin closes); one
 * answering a request must, or a process waiting only on it would end.
 */
function holdOpen(child: Child, hold: boolean): void {
  const { process } = child
  for (const handle of [process, process.stdin, process.stdout, process.stderr] as unknown as { ref?: () => void; unref?: () => void }[]) {
    if (hold) handle.ref?.()
    else handle.unref?.()
  }
}

function parseLine(line: string): Message | undefined {
  try {
    const value: unknown = JSON.parse(line)
    return typeof value === 'object' && value !== null && typeof (value as Message).type === 'string' ? (value as Message) : undefined
  } catch {
    return undefined
  }
}
