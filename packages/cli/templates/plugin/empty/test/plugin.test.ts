import { describe, expect, it } from 'vitest'
import definition from '../plugin.definition'
import plugin from '../src/index'

describe('the plugin', () => {
  it('implements every action its definition declares', () => {
    expect(Object.keys(plugin.actions).sort()).toEqual(Object.keys(definition.actions).sort())
  })
})
