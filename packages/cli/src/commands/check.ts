import { GENERATED_DIR } from '../codegen/layout.js'
import type { CommandSpec } from './command.js'

interface CheckOptions {
  readonly definitions?: boolean
}

export const check: CommandSpec<CheckOptions> = {
  name: 'check',
  summary: 'Fail if .parley/ is stale or missing, or if the project has type errors (for CI)',
  details: `Generates in memory and compares with ${GENERATED_DIR}/ on disk, then type-checks the project with its tsconfig.json against the freshly generated types. Definition files are validated by running them (every name, schema and reference, with the field named) and type-checked where code imports them; --definitions type-checks all of them too. Exits 1 on drift or type errors, printing file:line:column for each error.`,
  options: [{ flags: '--definitions', description: 'also type-check every *.definition.ts file on its own (slower on large bots: TypeScript infers each zod schema)' }],
  async run({ cwd, out }, _args, options) {
    const { generateProject } = await import('../codegen/generate.js')
    const { describeDrift, findDrift } = await import('../project/drift.js')
    const { readGeneratedFiles } = await import('../project/generated-files.js')
    const { formatDiagnostic, typecheckProject } = await import('../project/typecheck.js')
    const expected = await generateProject(cwd)
    const drift = findDrift(expected, readGeneratedFiles(cwd))
    if (drift.length > 0) out.error(`${GENERATED_DIR}/ is out of date with the definition; run \`parley gen\` and commit the result:\n${describeDrift(drift)}`)
    const diagnostics = typecheckProject(cwd, { generated: expected, definitions: options.definitions === true })
    for (const diagnostic of diagnostics) out.error(formatDiagnostic(diagnostic))
    if (drift.length === 0 && diagnostics.length === 0) {
      out.info(`${GENERATED_DIR}/ is up to date and the project type-checks`)
      return 0
    }
    out.error(`check failed: ${[drift.length && `${drift.length} stale generated file(s)`, diagnostics.length && `${diagnostics.length} type error(s)`].filter(Boolean).join(', ')}`)
    return 1
  },
}
