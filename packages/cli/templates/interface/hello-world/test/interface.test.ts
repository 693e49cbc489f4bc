import { describe, expect, it } from 'vitest'
import definition, { type TranslateInput } from '../src/index'

describe('the translation interface', () => {
  it('accepts an input that fits the base language entity', () => {
    const input: TranslateInput = { text: 'Hello', to: { code: 'fr' } }
    const schema = definition.resolve().actions.translate!.input
    expect(schema.parse(input)).toEqual(input)
  })

  it('rejects an input without a target language', () => {
    const schema = definition.resolve().actions.translate!.input
    expect(() => schema.parse({ text: 'Hello' })).toThrow(/to/)
  })
})
