import path from 'node:path'
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads'

/**
 * Type-checks snippets of code for type-level tests, in a thread of its own.
 *
 * A check takes seconds on a quiet machine and can take minutes on a loaded one. Run on the test's
 * thread, it would hold vitest's worker that long without reading its messages, and vitest gives up
 * on a reply not read within 60 s ("Timeout calling onTaskUpdate"), failing a run whose tests passed.
 * On a thread of its own the test only awaits it.
 */
const THREAD = 'parley-type-errors'

/**
 * Each snippet is a module named `__snippet_<name>.ts` in `dir`, checked with `tsconfig`'s options in one
 * program (which reuses the last program's files); returns each snippet's diagnostics as text.
 * @param {{ tsconfig: string, dir: string, snippets: Record<string, string> }} request
 * @returns {Promise<Record<string, string[]>>}
 */
export function typeErrors(request) {
  const id = nextId++
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject })
    const thread = checker()
    thread.ref()
    thread.postMessage({ id, ...request })
  })
}

let nextId = 0
const pending = new Map()
let thread

function checker() {
  if (thread) return thread
  thread = new Worker(new URL(import.meta.url), { workerData: THREAD })
  thread.on('message', ({ id, result, error }) => settle(id, error === undefined ? { result } : { error: new Error(error) }))
  thread.on('error', (error) => failAll(error))
  return thread
}

function settle(id, outcome) {
  const waiting = pending.get(id)
  pending.delete(id)
  // Idle, the thread must not keep the test process alive.
  if (pending.size === 0) thread?.unref()
  if (outcome.error) waiting?.reject(outcome.error)
  else waiting?.resolve(outcome.result)
}

function failAll(error) {
  thread = undefined
  for (const id of [...pending.keys()]) settle(id, { error })
}

if (!isMainThread && workerData === THREAD) serve((await import('typescript')).default)

/** The checking thread: one program per tsconfig, each built on the previous one's files. */
function serve(ts) {
  const previous = new Map()
  parentPort.on('message', ({ id, tsconfig, dir, snippets }) => {
    try {
      parentPort.postMessage({ id, result: check(ts, previous, tsconfig, dir, snippets) })
    } catch (error) {
      parentPort.postMessage({ id, error: String(error?.stack ?? error) })
    }
  })
}

function check(ts, previous, tsconfig, dir, snippets) {
  const files = new Map(Object.entries(snippets).map(([name, code]) => [path.join(dir, `__snippet_${name}.ts`), code]))
  const config = ts.getParsedCommandLineOfConfigFile(tsconfig, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })
  const options = { ...config.options, noEmit: true }
  const host = ts.createCompilerHost(options)
  const snippetHost = {
    ...host,
    readFile: (file) => files.get(file) ?? host.readFile(file),
    fileExists: (file) => files.has(file) || host.fileExists(file),
    getSourceFile: (file, language, onError) => (files.has(file) ? ts.createSourceFile(file, files.get(file), language) : host.getSourceFile(file, language, onError)),
  }
  const program = ts.createProgram([...files.keys()], options, snippetHost, previous.get(tsconfig))
  previous.set(tsconfig, program)
  const messagesOf = (file) => ts.getPreEmitDiagnostics(program, program.getSourceFile(file)).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'))
  return Object.fromEntries(Object.keys(snippets).map((name) => [name, messagesOf(path.join(dir, `__snippet_${name}.ts`))]))
}
