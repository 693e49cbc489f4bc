import { readFileSync } from 'node:fs'
import { join, relative } from 'node:path'
import ts from 'typescript'
import { beforeAll, describe, expect, it } from 'vitest'
import { expectedErrors, withoutDirectives, type ExpectedError } from '../support/expected-errors.js'
import { checkedProject, type CheckedProject } from '../support/type-check.js'
import { FIXTURE_PROJECTS, fixtureProjects, REPO_ROOT } from '../support/paths.js'

interface Found {
  readonly file: string
  readonly line: number
  readonly message: string
}

/** Each error with its related information, which is where TypeScript names a property whose value has the wrong type. */
async function diagnostics(project: CheckedProject, dir: string): Promise<Found[]> {
  const text = (d: ts.Diagnostic | ts.DiagnosticRelatedInformation) => ts.flattenDiagnosticMessageText(d.messageText, '\n')
  return (await project.diagnostics()).map((d) => ({
    file: d.file ? relative(dir, d.file.fileName) : '(project)',
    line: d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line + 1 : 0,
    message: [text(d), ...(d.relatedInformation ?? []).map(text)].join('\n'),
  }))
}

const show = (found: readonly Found[]) => found.map((f) => `${f.file}:${f.line} ${f.message}`)

/**
 * Each fixture project is type-checked with its committed `.parley/`: correct code compiles, and each
 * misuse fails with an error that names the field at fault.
 */
describe.each(fixtureProjects())('generated types of %s', (name) => {
  const dir = join(FIXTURE_PROJECTS, name)
  let project: CheckedProject
  const marked = new Map<string, ExpectedError[]>()

  beforeAll(() => {
    project = checkedProject(join(dir, 'tsconfig.json'))
    for (const file of project.files) {
      const errors = expectedErrors(file, readFileSync(file, 'utf8'))
      if (errors.length > 0) marked.set(file, errors)
    }
  })

  it('type-check the correct code, and fail on every line marked @ts-expect-error', async () => {
    expect(show(await diagnostics(project, dir))).toEqual([])
  })

  it('name the field at fault in each error', async () => {
    for (const path of marked.keys()) project.replace(path, withoutDirectives(readFileSync(path, 'utf8')))
    const found = await diagnostics(project, dir)
    for (const [path, errors] of marked) {
      for (const expected of errors) {
        const at = found.filter((f) => f.file === relative(dir, path) && f.line === expected.line)
        const where = `${relative(dir, path)}:${expected.line} (${expected.reason})`
        expect(at.map((f) => f.message), `an error at ${where}`).not.toEqual([])
        expect(at.some((f) => f.message.includes(expected.field)), `the error at ${where} names "${expected.field}":\n${at.map((f) => f.message).join('\n')}`).toBe(true)
      }
    }
    const unmarked = found.filter((f) => ![...marked].some(([path, errors]) => relative(dir, path) === f.file && errors.some((e) => e.line === f.line)))
    expect(show(unmarked), 'errors only on marked lines').toEqual([])
  })
})

describe('seed 003, "Complete Example"', () => {
  it('is compiled as the seed writes it, with only its imports changed', () => {
    const body = (path: string) => readFileSync(path, 'utf8').split('\n').filter((line) => !/^(\/\/|import )/.test(line)).join('\n')
    const seed = body(join(REPO_ROOT, 'test', 'seeds', 'fixtures', 'seed-003.loose.implementation.ts'))
    expect(body(join(FIXTURE_PROJECTS, 'seed-003', 'src', 'index.ts'))).toBe(seed)
  })
})
