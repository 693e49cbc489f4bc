import { spawn, type ChildProcess } from 'node:child_process'
import { createRequire } from 'node:module'
import { join } from 'node:path'
import { pathToFileURL } from 'node:url'
import { BUILT } from './built.js'
import { CLI_ROOT } from './paths.js'

const tsxLoader = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href

/**
 * The command line that runs `parley`, as `runCli` does, for a shell or another process to start: the
 * built `bin/parley.js` a user runs when the builds are fresh (`built.ts`), otherwise the same entry
 * from its sources, with the sibling packages loaded from their sources too.
 */
export function cliCommand(args: readonly string[]): string[] {
  if (BUILT) return [process.execPath, join(CLI_ROOT, 'bin', 'parley.js'), ...args]
  return [process.execPath, '--conditions=parley:source', '--import', tsxLoader, join(CLI_ROOT, 'src', 'cli.ts'), ...args]
}

/** A process whose output a test reads as it comes, waiting for what it expects to see. */
export interface WatchedProcess {
  readonly child: ChildProcess
  output(): string
  /** Resolves with the output so far once it matches; rejects if the process ends first. */
  waitFor(pattern: RegExp): Promise<RegExpMatchArray>
  /** Resolves once every process holding the output pipe (this one and any it started) has ended. */
  readonly closed: Promise<void>
  /** The exit code, once the process itself has ended. */
  readonly exited: Promise<number | null>
}

/** Starts `command` with stdout and stderr read together, as a person at a terminal sees them. */
export function watchProcess(command: readonly string[], options: { cwd: string; env?: NodeJS.ProcessEnv }): WatchedProcess {
  const child = spawn(command[0]!, command.slice(1), { cwd: options.cwd, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] })
  let output = ''
  const listeners = new Set<() => void>()
  const onData = (chunk: Buffer) => {
    output += chunk.toString()
    listeners.forEach((listener) => listener())
  }
  child.stdout!.on('data', onData)
  child.stderr!.on('data', onData)
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)))
  const closed = new Promise<void>((resolve) => child.once('close', () => resolve()))
  return {
    child, exited, closed,
    output: () => output,
    waitFor: (pattern) => new Promise((resolve, reject) => {
      const check = () => {
        const match = output.match(pattern)
        if (!match) return
        listeners.delete(check)
        resolve(match)
      }
      listeners.add(check)
      check()
      void closed.then(() => listeners.has(check) && reject(new Error(`the process ended without printing ${pattern}:\n${output}`)))
    }),
  }
}
