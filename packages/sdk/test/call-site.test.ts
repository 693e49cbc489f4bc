import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { describe, expect, it } from 'vitest'
import { BotDefinition, CompositionError, DefinitionError, PluginDefinition, z } from '../src/index.js'

// Errors about definitions carry the line of the user's code they come from, for tools to point at.

const THIS_FILE = fileURLToPath(import.meta.url)
const lineOf = (marker: string) => readFileSync(THIS_FILE, 'utf8').split('\n').findIndex((line) => line.includes(marker)) + 1

function thrown(build: () => unknown): Error {
  try {
    build()
  } catch (error) {
    return error as Error
  }
  throw new Error('expected it to throw')
}

describe('where a definition error points', () => {
  it("at the line of the user's code that built the definition", () => {
    const error = thrown(() => new PluginDefinition({ name: 'p', version: '1.0.0', states: { s: { type: 'team' as 'bot', schema: z.object({}) } } })) // built here
    expect(error).toBeInstanceOf(DefinitionError)
    expect((error as DefinitionError).source).toEqual({ file: THIS_FILE, line: lineOf('// built here'), column: expect.any(Number) })
  })

  it('at the line that added a package, for a composition error', () => {
    const plugin = new PluginDefinition({ name: 'p', version: '1.0.0' })
    const bot = new BotDefinition({}).addPlugin(plugin, { alias: 'p' })
    const error = thrown(() => bot.addPlugin(plugin, { alias: 'p' })) // added here
    expect(error).toMatchObject({ code: 'ALIAS_TAKEN' })
    expect((error as CompositionError).source).toEqual({ file: THIS_FILE, line: lineOf('// added here'), column: expect.any(Number) })
  })
})
