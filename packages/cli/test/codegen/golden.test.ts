import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { generateProject } from '../../src/codegen/generate.js'
import { describeDrift, findDrift } from '../../src/project/drift.js'
import { readGeneratedFiles, writeGeneratedFiles } from '../../src/project/generated-files.js'
import { FIXTURE_PROJECTS, fixtureProjects } from '../support/paths.js'

/** `UPDATE_GOLDEN=1 npx vitest run test/codegen` accepts the new output as the expected one. */
const update = Boolean(process.env.UPDATE_GOLDEN)

describe.each(fixtureProjects())('generated module of %s', (name) => {
  const dir = join(FIXTURE_PROJECTS, name)

  it('matches the committed .parley/', async () => {
    const generated = await generateProject(dir)
    if (update) writeGeneratedFiles(dir, generated)
    const drift = describeDrift(findDrift(generated, readGeneratedFiles(dir)))
    expect(drift, 'the generated code changed; review it, then run UPDATE_GOLDEN=1 npx vitest run test/codegen').toBe('')
  })

  it('is the same, byte for byte, every time, whether or not schemas were compiled before', async () => {
    const warm = await generateProject(dir)
    process.env.PARLEY_CODEGEN_CACHE = '0'
    try {
      expect(await generateProject(dir)).toEqual(warm)
    } finally {
      delete process.env.PARLEY_CODEGEN_CACHE
    }
  })
})
