import { describe, expect, it } from 'vitest'
import definition from '../src/index'

describe('the interface', () => {
  it('has a name plugins and integrations refer to it by', () => {
    expect(definition.name).toBe('{{name}}')
  })
})
