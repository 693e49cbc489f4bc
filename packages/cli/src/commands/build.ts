import { findDefinitionFile } from '../codegen/load/definition-files.js'
import { colorsOf, step } from '../cli/output.js'
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
    const { cwd, out } = context
    await writeGenerated(context)
    const diagnostics = await step(out, 'Type-checking the project', async (progress) => typecheckProject(cwd, { onProgress: (done, total) => progress(`${done}/${total} files`) }))
    if (diagnostics.length > 0) {
      for (const diagnostic of diagnostics) out.error(formatDiagnostic(diagnostic))
      out.error(`${colorsOf(out).red('build failed')}: ${diagnostics.length} type error(s)`)
      return 1
    }
    const definition = findDefinitionFile(cwd)
    const outputs = await step(out, 'Bundling into dist/', () => bundleProject(cwd, definition))
    const entry = packageEntry(cwd, definition)
    if (entry) outputs.push(...(await step(out, 'Writing declarations', () => emitDeclarations(cwd, [entry]))))
    out.info(`Built ${outputs.join(', ')}`)
    return 0
  },
}
