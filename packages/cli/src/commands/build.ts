import { findDefinitionFile } from '../codegen/load/definition-files.js'
import type { CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

export const build: CommandSpec = {
  name: 'build',
  summary: 'Generate, type-check, and bundle the project into dist/ with esbuild',
  details: 'Runs `parley gen`, stops on any type error, then bundles src/index.ts (for a plugin, integration or interface: its index.ts, the package entry, with declaration files) and the definition into dist/ as ES modules for Node 20 (dependencies stay external).',
  async run(context) {
    const { formatDiagnostic, typecheckProject } = await import('../project/typecheck.js')
    const { bundleProject, packageEntry } = await import('../project/bundle.js')
    const { emitDeclarations } = await import('../project/declarations.js')
    await writeGenerated(context)
    const diagnostics = typecheckProject(context.cwd)
    if (diagnostics.length > 0) {
      for (const diagnostic of diagnostics) context.out.error(formatDiagnostic(diagnostic))
      context.out.error(`build failed: ${diagnostics.length} type error(s)`)
      return 1
    }
    const definition = findDefinitionFile(context.cwd)
    const outputs = await bundleProject(context.cwd, definition)
    const entry = packageEntry(context.cwd, definition)
    if (entry) outputs.push(...(await emitDeclarations(context.cwd, [entry])))
    context.out.info(`Built ${outputs.join(', ')}`)
    return 0
  },
}
