import { describe, expect, it } from 'vitest'
import definition from '../integration.definition'
import integration from '../src/index'

describe('the integration', () => {
  it('implements every action its definition declares', () => {
    expect(Object.keys(integration.actions).sort()).toEqual(Object.keys(definition.actions).sort())
  })
})
