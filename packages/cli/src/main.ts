import { ParleyError } from '@parley/sdk'
import { COMMANDS } from './commands/index.js'
import { CommanderError, commanderExitCode, createProgram } from './cli/program.js'
import { processOutput, type Output } from './cli/output.js'

/**
 * Runs `parley` with `argv` (as `process.argv`: node, script, then arguments) and returns the exit
 * code. Failures the user can fix print their message alone; anything else is a bug in parley and
 * prints its stack with `PARLEY_DEBUG=1`.
 */
export async function main(argv: readonly string[], out: Output = processOutput): Promise<number> {
  let exitCode = 0
  const program = createProgram(COMMANDS, out, (code) => { exitCode = code })
  try {
    await program.parseAsync([...argv])
    return exitCode
  } catch (error) {
    return report(error, out)
  }
}

function report(error: unknown, out: Output): number {
  if (error instanceof CommanderError) return commanderExitCode(error)
  if (error instanceof ParleyError) {
    out.error(`error: ${error.message}`)
    return 1
  }
  const detail = process.env.PARLEY_DEBUG ? (error as Error).stack : `${(error as Error).message ?? error}\n(this is a bug in parley; run again with PARLEY_DEBUG=1 to see where it happened)`
  out.error(`error: ${detail}`)
  return 1
}
