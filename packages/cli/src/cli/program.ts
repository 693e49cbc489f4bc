import { Command, CommanderError, Option } from 'commander'
import { resolve } from 'node:path'
import type { AnyCommandSpec, CommandContext } from '../commands/command.js'
import type { Output } from './output.js'
import { cliVersion } from '../project/versions.js'

/** Exit codes: 0 success, 1 the project failed a check, 2 the command line was wrong. */
export const EXIT_USAGE = 2

/** The `parley` program: every command in `commands`, registered the same way. */
export function createProgram(commands: readonly AnyCommandSpec[], out: Output, setExitCode: (code: number) => void): Command {
  const program = new Command('parley')
    .description('Build chat bots from typed plugins, integrations and interfaces.')
    .version(cliVersion(), '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .option('-C, --cwd <dir>', 'run in <dir> instead of the current directory')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ writeOut: (text) => out.info(text.trimEnd()), writeErr: (text) => out.error(text.trimEnd()) })
    .exitOverride()
  for (const spec of commands) register(program, spec, out, setExitCode)
  return program
}

function register(program: Command, spec: AnyCommandSpec, out: Output, setExitCode: (code: number) => void): void {
  const command = program.command(spec.name).description(spec.summary).helpOption('-h, --help', 'show help for this command').exitOverride()
  if (spec.details) command.addHelpText('after', `\n${spec.details}`)
  for (const argument of spec.arguments ?? []) command.argument(argument.name, argument.description)
  for (const option of spec.options ?? []) command.addOption(toOption(option))
  command.action(async (...args: unknown[]) => {
    const context: CommandContext = { cwd: resolve(program.opts<{ cwd?: string }>().cwd ?? process.cwd()), out }
    const positional = args.slice(0, spec.arguments?.length ?? 0) as string[]
    setExitCode(await spec.run(context, positional, command.opts()))
  })
}

function toOption(spec: NonNullable<AnyCommandSpec['options']>[number]): Option {
  const option = new Option(spec.flags, spec.description)
  if (spec.choices) option.choices(spec.choices)
  if (spec.defaultValue !== undefined) option.default(spec.defaultValue)
  return option
}

/** Help and version are successes; anything else commander rejects is a usage error it already printed. */
export function commanderExitCode(error: CommanderError): number {
  if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0
  return error.exitCode === 0 ? 0 : EXIT_USAGE
}

export { CommanderError }
