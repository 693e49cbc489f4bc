import { relative } from 'node:path'
import { GENERATED_DIR } from '../codegen/layout.js'
import { step } from '../cli/output.js'
import type { CommandContext, CommandSpec } from './command.js'

/**
 * Generates and writes `.parley/`; shared by the commands that need it up to date. Code generation is
 * loaded here, not at the top of the module: every command module is imported on every run, so each
 * loads what is heavy only when it runs.
 */
export async function writeGenerated(context: CommandContext): Promise<number> {
  const { generateProject } = await import('../codegen/generate.js')
  const { writeGeneratedFiles } = await import('../project/generated-files.js')
  const started = performance.now()
  const files = await step(context.out, `Generating ${generatedDirOf(context.cwd)}`, async () => {
    const generated = await generateProject(context.cwd)
    writeGeneratedFiles(context.cwd, generated)
    return generated
  })
  context.out.info(`Generated ${generatedDirOf(context.cwd)} (${files.length} files) in ${Math.round(performance.now() - started)} ms`)
  return files.length
}

/** `.parley/`, or `plugins/faq/.parley/` for a project below the working directory. */
export function generatedDirOf(dir: string): string {
  const rel = relative(process.cwd(), dir)
  return !rel || rel.startsWith('..') ? `${GENERATED_DIR}/` : `${rel.split('\\').join('/')}/${GENERATED_DIR}/`
}

export const gen: CommandSpec = {
  name: 'gen',
  summary: 'Generate typed handlers, props and client into .parley/ from the definition',
  details: 'Reads bot.definition.ts, plugin.definition.ts, integration.definition.ts or interface.definition.ts, and writes .parley/index.ts (import it as `import * as bp from \'../.parley\'`) and a module per package in package.json "parleyDependencies" under .parley/packages/.',
  async run(context) {
    await writeGenerated(context)
    return 0
  },
}
