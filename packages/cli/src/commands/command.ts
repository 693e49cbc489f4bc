import type { Output } from '../cli/output.js'

/** What every command runs with. */
export interface CommandContext {
  /** The project directory: the working directory, or `--cwd`. */
  readonly cwd: string
  readonly out: Output
}

export interface ArgumentSpec {
  /** `<dir>` (required) or `[dir]` (optional), as commander spells them. */
  readonly name: string
  readonly description: string
}

export interface OptionSpec {
  /** `--alias <alias>`, `-t, --type <kind>`. */
  readonly flags: string
  readonly description: string
  readonly choices?: readonly string[]
  readonly defaultValue?: string
}

/**
 * One `parley` command, as data: the program registers every command in the list the same way, so
 * adding one is adding a file and a line.
 */
export interface CommandSpec<TOptions = Record<string, never>> {
  readonly name: string
  readonly summary: string
  /** Shown under the usage in `parley help <command>`. */
  readonly details?: string
  readonly arguments?: readonly ArgumentSpec[]
  readonly options?: readonly OptionSpec[]
  /** Returns the exit code: 0 for success. */
  run(context: CommandContext, args: readonly string[], options: TOptions): Promise<number>
}

// any: the list holds commands of different option shapes; each command types its own options
export type AnyCommandSpec = CommandSpec<any>
