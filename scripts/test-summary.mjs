// Runs the test command given after it (the README's `npm test` runs turbo through it), then adds up
// every workspace's vitest JSON report into one closing line: "N passed, N failed, N skipped". The line
// is printed whatever happened, and the exit code is non-zero when the command failed or any test did.
// Above it, each failed test is named with the start of its failure, so the end of a long log says what
// failed without scrolling back through every workspace's output.
//
//   node scripts/test-summary.mjs turbo run typecheck test --continue
//   node scripts/test-summary.mjs            (no command: only add up the reports there are)
import { spawnSync } from 'node:child_process'
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs'
import { join } from 'node:path'

const workspaces = ['packages', 'plugins', 'integrations', 'bots']
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir, { withFileTypes: true }).filter((entry) => entry.isDirectory()).map((entry) => join(dir, entry.name)))
  .concat('test')
const reportOf = (dir) => join(dir, '.test-results', 'vitest.json')
const command = process.argv.slice(2)

let commandFailed = false
if (command.length > 0) {
  // A report left by an earlier run must not be counted as this run's (turbo restores those of cached tasks).
  for (const dir of workspaces) rmSync(reportOf(dir), { force: true })
  const run = spawnSync(command[0], command.slice(1), { stdio: 'inherit', shell: process.platform === 'win32' })
  commandFailed = run.status !== 0
  if (run.error) console.error(`could not run ${command.join(' ')}: ${run.error.message}`)
}

const total = { passed: 0, failed: 0, skipped: 0 }
const notes = []
for (const dir of workspaces.filter((dir) => existsSync(join(dir, 'package.json')))) {
  if (!existsSync(reportOf(dir))) {
    if (hasTests(dir)) notes.push(`${dir}: no test report (its tests did not run, or could not start)`)
    continue
  }
  const report = JSON.parse(readFileSync(reportOf(dir), 'utf8'))
  total.passed += report.numPassedTests
  total.failed += report.numFailedTests
  total.skipped += report.numPendingTests + report.numTodoTests
  if (report.success === false && report.numFailedTests === 0) notes.push(`${dir}: the run failed outside its tests (an unhandled error, or a test file that did not load)`)
  notes.push(...failuresOf(dir, report))
}
for (const note of notes) console.log(note)
if (commandFailed) console.log(`${command.join(' ')} failed`)
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
process.exitCode = commandFailed || total.failed > 0 || notes.length > 0 ? 1 : 0

/** One note per failed test or failed file: where it is, its name, and the first lines of why. */
function failuresOf(dir, report) {
  // A report cut short (a crashed run) may lack any of these: the summary is printed all the same.
  return (report.testResults ?? []).flatMap((file) => {
    const where = join(dir, relativeTo(dir, String(file.name ?? '')))
    const failed = (file.assertionResults ?? []).filter((test) => test.status === 'failed')
    if (failed.length === 0 && file.status === 'failed') return [`FAILED ${where}\n${firstLines(file.message)}`]
    return failed.map((test) => `FAILED ${where} > ${test.fullName}\n${firstLines((test.failureMessages ?? []).join('\n'))}`)
  })
}

function relativeTo(dir, file) {
  const at = file.lastIndexOf(`${dir}/`)
  return at === -1 ? file : file.slice(at + dir.length + 1)
}

function firstLines(text, count = 8) {
  return String(text ?? '').split('\n').slice(0, count).map((line) => `    ${line}`).join('\n')
}

function hasTests(dir) {
  try {
    return typeof JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).scripts?.test === 'string'
  } catch {
    return false
  }
}
