import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { parse } from 'yaml'
import { run, type CommandResult } from './processes.js'

interface Workflow {
  readonly jobs: Record<string, { readonly steps: readonly { readonly uses?: string; readonly run?: string }[] }>
}

/** The shell steps of a project's GitHub Actions workflow, in order (checkout and setup-node are what this machine already is). */
export function workflowSteps(projectDir: string, file = '.github/workflows/ci.yml'): string[] {
  const workflow = parse(readFileSync(join(projectDir, file), 'utf8')) as Workflow
  return Object.values(workflow.jobs).flatMap((job) => job.steps.flatMap((step) => (step.run ? [step.run] : [])))
}

/** Runs the workflow's steps as its runner would (`bash -e`), stopping at the first that fails. */
export async function runWorkflow(projectDir: string, env: NodeJS.ProcessEnv): Promise<CommandResult> {
  let output = ''
  for (const step of workflowSteps(projectDir)) {
    const result = await run('bash', ['-e', '-c', step], { cwd: projectDir, env })
    output += result.output
    if (result.code !== 0) return { code: result.code, output }
  }
  return { code: 0, output }
}
