import { findDefinitionFile } from '../codegen/load/definition-files.js'
import type { CommandSpec } from './command.js'
import { writeGenerated } from './gen.js'

export const build: CommandSpec = {
  name: 'build',
  summary: 'Generate, type-check, and bundle the project into dist/ with esbuild',
  details: 'Runs `parley gen`, stops on any type error, then bundles src/index.ts and the definition into dist/ as ES modules for Node 20 (dependencies stay external).',
  async run(context) {
    const { formatDiagnostic, typecheckProject } = await import('../project/typecheck.js')
    const { bundleProject } = await import('../project/bundle.js')
    await writeGenerated(context)
    const diagnostics = typecheckProject(context.cwd)
    if (diagnostics.length > 0) {
      for (const diagnostic of diagnostics) context.out.error(formatDiagnostic(diagnostic))
      context.out.error(`build failed: ${diagnostics.length} type error(s)`)
      return 1
    }
    const outputs = await bundleProject(context.cwd, findDefinitionFile(context.cwd))
    context.out.info(`Built ${outputs.join(', ')}`)
    return 0
  },
}
