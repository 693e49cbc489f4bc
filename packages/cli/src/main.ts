import { resolve } from 'node:path'
import { COMMANDS } from './commands/index.js'
import { CommanderError, commanderExitCode, createProgram } from './cli/program.js'
import type { Output } from './cli/output.js'
import { reportError } from './cli/report.js'
import { terminalOutput } from './cli/terminal-output.js'

/**
 * Runs `parley` with `argv` (as `process.argv`: node, script, then arguments) and returns the exit
 * code. Failures the user can fix print their message alone; anything else is a bug in parley and
 * prints its stack with `PARLEY_DEBUG=1`.
 */
export async function main(argv: readonly string[], out: Output = terminalOutput(process.stdout, process.stderr, process.env)): Promise<number> {
  let exitCode = 0
  const program = createProgram(COMMANDS, out, (code) => { exitCode = code })
  try {
    await program.parseAsync([...argv])
    return exitCode
  } catch (error) {
    if (error instanceof CommanderError) return commanderExitCode(error)
    await reportError(error, out, resolve(program.opts<{ cwd?: string }>().cwd ?? process.cwd()))
    return 1
  }
}
