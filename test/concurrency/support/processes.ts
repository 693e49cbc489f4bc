import { fork } from 'node:child_process'
import { fileURLToPath } from 'node:url'

export interface RuntimeProcess {
  /** Sends a call and resolves with its result; rejects with its error, or if the process dies first. */
  call<T = unknown>(request: object): Promise<T>
  /** Resolves when the process reports a turn hanging (the bot's `hang` message). */
  hanging(): Promise<void>
  /** Kills the process at once, as a crash would, and waits until it is gone. */
  kill(): Promise<void>
  stop(): Promise<void>
}

const script = fileURLToPath(new URL('./runtime-process.ts', import.meta.url))

/** Starts a runtime process on the schema and waits until it serves. */
export async function startRuntimeProcess(env: Record<string, string>): Promise<RuntimeProcess> {
  const child = fork(script, { execArgv: ['--conditions=parley:source', '--import', 'tsx'], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] })
  const waiting = new Map<number, { resolve(value: unknown): void; reject(error: unknown): void }>()
  let next = 0
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  void exited.then(() => {
    for (const { reject } of waiting.values()) reject(new Error('the runtime process died'))
    waiting.clear()
  })
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => resolve())
    child.once('exit', (code) => reject(new Error(`the runtime process exited (${code}) before it was ready`)))
  })
  let hung = () => {}
  const hanging = new Promise<void>((resolve) => {
    hung = resolve
  })
  child.on('message', (reply: { id: number; result?: unknown; error?: { code?: string; message?: string }; hanging?: string }) => {
    if (reply.hanging !== undefined) return hung()
    const call = waiting.get(reply.id)
    waiting.delete(reply.id)
    if (reply.error) call?.reject(Object.assign(new Error(reply.error.message), reply.error))
    else call?.resolve(reply.result)
  })
  return {
    call: <T>(request: object) => new Promise<T>((resolve, reject) => {
      const id = next++
      waiting.set(id, { resolve: resolve as (value: unknown) => void, reject })
      child.send({ ...request, id })
    }),
    hanging: () => hanging,
    kill: async () => {
      child.kill('SIGKILL')
      await exited
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      await exited
    },
  }
}
