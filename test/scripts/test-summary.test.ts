import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterEach, describe, expect, it } from 'vitest'

// `npm test` runs turbo through scripts/test-summary.mjs, which closes every run with one line adding
// up the workspaces' reports, whether the run passed or not.

const SCRIPT = resolve(dirname(fileURLToPath(import.meta.url)), '../../scripts/test-summary.mjs')
const dirs: string[] = []
afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })))

/** A repository of two workspaces with tests, `packages/a` and `packages/b`. */
function repository(): string {
  const root = mkdtempSync(join(tmpdir(), 'parley-summary-'))
  dirs.push(root)
  for (const name of ['a', 'b']) {
    mkdirSync(join(root, 'packages', name), { recursive: true })
    writeFileSync(join(root, 'packages', name, 'package.json'), JSON.stringify({ name, scripts: { test: 'vitest run' } }))
  }
  return root
}

/** A command that writes the reports vitest would, then exits with `code`. */
function testRun(reports: Record<string, { passed: number; failed: number; skipped?: number; testResults?: unknown[] }>, code: number): string[] {
  const script = Object.entries(reports).map(([dir, r]) => {
    const report = JSON.stringify({ numPassedTests: r.passed, numFailedTests: r.failed, numPendingTests: r.skipped ?? 0, numTodoTests: 0, success: r.failed === 0, testResults: r.testResults })
    return `fs.mkdirSync(${JSON.stringify(`${dir}/.test-results`)}, { recursive: true }); fs.writeFileSync(${JSON.stringify(`${dir}/.test-results/vitest.json`)}, ${JSON.stringify(report)});`
  }).join('')
  return [process.execPath, '-e', `const fs = require('node:fs'); ${script} process.exit(${code})`]
}

function summarize(root: string, command: readonly string[]) {
  const result = spawnSync(process.execPath, [SCRIPT, ...command], { cwd: root, encoding: 'utf8' })
  return { code: result.status, lines: result.stdout.trim().split('\n') }
}

describe('the closing summary of npm test', () => {
  it('adds up every workspace and exits 0 when all passed', () => {
    const result = summarize(repository(), testRun({ 'packages/a': { passed: 3, failed: 0, skipped: 1 }, 'packages/b': { passed: 2, failed: 0 } }, 0))
    expect(result).toEqual({ code: 0, lines: ['5 passed, 0 failed, 1 skipped'] })
  })

  it('is printed when a workspace fails, and the run exits non-zero', () => {
    const result = summarize(repository(), testRun({ 'packages/a': { passed: 3, failed: 2 }, 'packages/b': { passed: 2, failed: 0 } }, 1))
    expect(result.code).toBe(1)
    expect(result.lines.at(-1)).toBe('5 passed, 2 failed, 0 skipped')
  })

  it('names each failed test, with the start of its failure, above the closing line', () => {
    const root = repository()
    const failure = ['AssertionError: expected 1 to be 2', ...Array.from({ length: 20 }, (_, n) => `    at frame ${n}`)].join('\n')
    const testResults = [
      { name: join(root, 'packages/a/test/one.test.ts'), status: 'failed', message: '', assertionResults: [
        { fullName: 'one > passes', status: 'passed', failureMessages: [] },
        { fullName: 'one > adds', status: 'failed', failureMessages: [failure] },
      ] },
      { name: join(root, 'packages/a/test/two.test.ts'), status: 'failed', message: 'Error: Cannot find module x', assertionResults: [] },
    ]
    const result = summarize(root, testRun({ 'packages/a': { passed: 1, failed: 1, testResults }, 'packages/b': { passed: 2, failed: 0 } }, 1))
    expect(result.code).toBe(1)
    const adds = result.lines.indexOf('FAILED packages/a/test/one.test.ts > one > adds')
    expect(result.lines.slice(adds + 1, adds + 3)).toEqual(['    AssertionError: expected 1 to be 2', '        at frame 0'])
    expect(result.lines).not.toContain('        at frame 10')
    expect(result.lines).toContain('FAILED packages/a/test/two.test.ts')
    expect(result.lines).toContain('    Error: Cannot find module x')
    expect(result.lines.at(-1)).toBe('3 passed, 1 failed, 0 skipped')
  })

  it('names a workspace whose tests did not run, and does not count an earlier run', () => {
    const root = repository()
    summarize(root, testRun({ 'packages/a': { passed: 9, failed: 0 }, 'packages/b': { passed: 9, failed: 0 } }, 0))
    const result = summarize(root, testRun({ 'packages/a': { passed: 1, failed: 0 } }, 1))
    expect(result.code).toBe(1)
    expect(result.lines).toContain('packages/b: no test report (its tests did not run, or could not start)')
    expect(result.lines.at(-1)).toBe('1 passed, 0 failed, 0 skipped')
  })
})
