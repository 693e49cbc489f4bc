import { GENERATED_DIR } from '../codegen/layout.js'
import { colorsOf, step, type Output } from '../cli/output.js'
import { CliError } from '../errors/cli-error.js'
import type { GeneratedFile } from '../codegen/generate.js'
import type { CommandContext, CommandSpec } from './command.js'

interface CheckOptions {
  readonly definitions?: boolean
}

export const check: CommandSpec<CheckOptions> = {
  name: 'check',
  summary: 'Fail if .parley/ is stale or missing, or if the project has type errors (for CI)',
  details: `Generates in memory and compares with ${GENERATED_DIR}/ on disk, then type-checks the project with its tsconfig.json against the freshly generated types. Definition files are validated by running them (every name, schema and reference, with the field named) and type-checked where code imports them; --definitions type-checks all of them too. A definition that fails to load is shown at its line, beside the type errors of the definition files. Exits 1 on drift or type errors, printing file:line:column for each error.`,
  options: [{ flags: '--definitions', description: 'also type-check every *.definition.ts file on its own (slower on large bots: TypeScript infers each zod schema)' }],
  async run(context, _args, options) {
    const expected = await generateOrExplain(context)
    if (!expected) return 1
    const { describeDrift, findDrift } = await import('../project/drift.js')
    const { readGeneratedFiles } = await import('../project/generated-files.js')
    const { cwd, out } = context
    const drift = findDrift(expected, readGeneratedFiles(cwd))
    if (drift.length > 0) out.error(`${GENERATED_DIR}/ is out of date with the definition; run \`parley gen\` and commit the result:\n${describeDrift(drift)}`)
    const composition = await compositionProblems(context)
    const errors = await typeErrors(out, cwd, { generated: expected, definitions: options.definitions === true })
    if (drift.length === 0 && composition === 0 && errors === 0) {
      out.info(`${GENERATED_DIR}/ is up to date and the project type-checks`)
      return 0
    }
    return failed(out, [drift.length && `${drift.length} stale generated file(s)`, composition && `${composition} package(s) recorded and added differently`, errors && `${errors} type error(s)`])
  },
}

/**
 * The files `parley gen` would write. When a definition fails to load, its error is shown at its line
 * together with the type errors of the definition files: TypeScript often names the same mistake in its
 * own words, and both belong in front of the user.
 */
async function generateOrExplain({ cwd, out }: CommandContext): Promise<GeneratedFile[] | undefined> {
  const { generateProject } = await import('../codegen/generate.js')
  try {
    return await step(out, `Generating ${GENERATED_DIR}/ in memory`, () => generateProject(cwd))
  } catch (error) {
    if (!(error instanceof CliError) || error.code !== 'DEFINITION_FAILED') throw error
    const { locatedMessage } = await import('../cli/report.js')
    out.error((await locatedMessage(error, cwd, colorsOf(out).red('error'))) ?? `${colorsOf(out).red('error')}: ${error.message}`)
    const errors = await typeErrors(out, cwd, { onlyDefinitions: true, definitions: true })
    failed(out, ['the definition does not load', errors && `${errors} type error(s) in definition files`])
    return undefined
  }
}

/** A bot adds exactly the plugins and integrations package.json records, under the same aliases. */
async function compositionProblems({ cwd, out }: CommandContext): Promise<number> {
  const { compositionDrift, describeCompositionDrift } = await import('../project/composition.js')
  const problems = describeCompositionDrift(await compositionDrift(cwd))
  for (const problem of problems) out.error(`${colorsOf(out).red('error')}: ${problem}`)
  return problems.length
}

/** Type-checks with progress shown, prints each error, and says how many there were. */
async function typeErrors(out: Output, cwd: string, options: import('../project/typecheck.js').TypecheckOptions): Promise<number> {
  const { formatDiagnostic, typecheckProject } = await import('../project/typecheck.js')
  const title = options.onlyDefinitions ? 'Type-checking the definition files' : 'Type-checking the project'
  const diagnostics = await step(out, title, async (progress) => typecheckProject(cwd, { ...options, onProgress: (done, total) => progress(`${done}/${total} files`) }))
  for (const diagnostic of diagnostics) out.error(formatDiagnostic(diagnostic))
  return diagnostics.length
}

function failed(out: Output, reasons: readonly (string | 0)[]): 1 {
  out.error(`${colorsOf(out).red('check failed')}: ${reasons.filter(Boolean).join(', ')}`)
  return 1
}
