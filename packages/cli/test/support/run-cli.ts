import { spawn } from 'node:child_process'
import { cliCommand } from './cli-process.js'

export interface CliResult {
  readonly code: number
  readonly stdout: string
  readonly stderr: string
  /** The lines of stderr that are not progress (`Generating .parley/…`, `…: done in 1.2 s`). */
  readonly problems: string[]
}

/** Progress lines as the CLI prints them outside a terminal: a step starting, and the same step done or failed. */
const PROGRESS = /…$|: (done in|failed after) \d+(\.\d)? m?s$/

export function problemsIn(stderr: string): string[] {
  return stderr.split('\n').filter((line) => line !== '' && !PROGRESS.test(line))
}

/** Runs `parley` in a child process: built when the builds are fresh, otherwise from its sources (`cliCommand`). */
export function runCli(args: readonly string[], cwd: string): Promise<CliResult> {
  const [node, ...rest] = cliCommand(args)
  return runProcess(node!, rest, cwd)
}

/**
 * Runs a command in a child process without blocking this one (a test worker whose event loop stalls
 * for long loses touch with vitest), with colours off.
 */
export function runProcess(command: string, args: readonly string[], cwd: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd, env: { ...process.env, NO_COLOR: '1' } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (chunk) => (stdout += chunk))
    child.stderr.on('data', (chunk) => (stderr += chunk))
    child.on('error', reject)
    child.on('close', (code) => resolve({ code: code ?? -1, stdout, stderr, problems: problemsIn(stderr) }))
  })
}
