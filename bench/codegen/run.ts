/**
 * Times `parley gen` and `parley check` on a large generated bot, beside baselines measured in the
 * same run, and writes the table to stdout. From the repository root:
 *
 *   npx tsx bench/codegen/run.ts [--runs 5] [--no-build]
 *
 * It builds the CLI and the sdk first (turbo), since the CLI runs as users run it: from its build.
 */
import { execFileSync, spawnSync } from 'node:child_process'
import { readFileSync } from 'node:fs'
import { cpus, loadavg } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { makeProject, SHAPE } from './make-project.js'

const here = dirname(fileURLToPath(import.meta.url))
const root = join(here, '..', '..')
const project = join(here, '.work', 'big-bot')
const parley = join(root, 'packages', 'cli', 'bin', 'parley.js')
const tsc = join(root, 'node_modules', 'typescript', 'bin', 'tsc')
const args = process.argv.slice(2)
const runs = Number(args[args.indexOf('--runs') + 1]) || 5

/** Makes any Node process report its peak memory on exit, so every command is measured the same way. */
const REPORT_RSS = `data:text/javascript,import{writeSync}from'node:fs';process.on('exit',()=>writeSync(2,'\\n@maxrss '+process.resourceUsage().maxRSS+'\\n'))`

interface Sample {
  readonly ms: number
  readonly maxRssMb: number
}

function measure(command: readonly string[], env: NodeJS.ProcessEnv): Sample {
  const started = performance.now()
  const result = spawnSync(process.execPath, ['--import', REPORT_RSS, ...command], { cwd: project, encoding: 'utf8', env: { ...process.env, ...env } })
  const ms = performance.now() - started
  if (result.status !== 0) throw new Error(`${command.join(' ')} failed:\n${result.stdout}\n${result.stderr}`)
  return { ms, maxRssMb: Number(/@maxrss (\d+)/.exec(result.stderr)?.[1]) / 1024 }
}

const median = (values: readonly number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!

/** The median of `runs` runs, after one run that warms the file system cache and is not counted. */
function bench(label: string, command: readonly string[], env: NodeJS.ProcessEnv = {}) {
  measure(command, env)
  const samples = Array.from({ length: runs }, () => measure(command, env))
  return { label, ms: median(samples.map((s) => s.ms)), maxRssMb: median(samples.map((s) => s.maxRssMb)) }
}

if (!args.includes('--no-build')) {
  execFileSync('npx', ['turbo', 'run', 'build', '--filter=@parley/cli...', '--output-logs=errors-only'], { cwd: root, stdio: 'inherit' })
}
makeProject(project)
execFileSync(process.execPath, [parley, 'gen'], { cwd: project, stdio: 'inherit' })
const lines = readFileSync(join(project, '.parley', 'types.ts'), 'utf8').split('\n').length
const cold = { PARLEY_CODEGEN_CACHE: '0' }

const results = [
  bench('baseline: `node -e ""`', ['-e', '']),
  bench('baseline: `tsc --noEmit`, empty project', [tsc, '-p', 'tsconfig.empty.json']),
  bench('`parley gen`, cold (no compiled schemas cached)', [parley, 'gen'], cold),
  bench('`parley gen`, warm', [parley, 'gen']),
  bench('`tsc --noEmit`, generated types + handlers typed by them', [tsc, '-p', 'tsconfig.generated.json']),
  bench('`tsc --noEmit`, the definitions alone', [tsc, '-p', 'tsconfig.definitions.json']),
  bench('`tsc --noEmit`, whole project (definitions, generated code, handlers)', [tsc, '-p', 'tsconfig.json']),
  bench('`parley check`, cold', [parley, 'check'], cold),
  bench('`parley check`, warm', [parley, 'check']),
  bench('`parley check --definitions`, warm (every definition file type-checked too)', [parley, 'check', '--definitions']),
]

console.log(`\n${SHAPE.plugins} plugins × (${SHAPE.actions} actions, ${SHAPE.states} states, ${SHAPE.events} events, ${SHAPE.tables} tables), ${SHAPE.integrations} integrations × ${SHAPE.integrationActions} actions; .parley/types.ts: ${lines} lines`)
console.log(`Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'cpu'}, load average at the end ${loadavg().map((l) => l.toFixed(1)).join(' ')}; median of ${runs} runs\n`)
console.log('| command | wall time (ms) | peak RSS (MB) |\n|---|---:|---:|')
for (const r of results) console.log(`| ${r.label} | ${r.ms.toFixed(0)} | ${r.maxRssMb.toFixed(0)} |`)
