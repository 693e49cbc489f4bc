import { describe, expect, it } from 'vitest'
import { parseNpmSpec } from './install-package.js'

describe('parseNpmSpec', () => {
  it.each([
    ['@acme/analytics', { name: '@acme/analytics', pinned: false }],
    ['@acme/analytics@^1.2.0', { name: '@acme/analytics', pinned: true }],
    ['analytics@1.0.0', { name: 'analytics', pinned: true }],
    ['analytics@next', { name: 'analytics', pinned: true }],
    ['analytics@*', { name: 'analytics', pinned: false }],
  ])('reads %s as npm does', (spec, expected) => {
    expect(parseNpmSpec(spec)).toEqual(expected)
  })

  it.each(['git+https://example.com/acme/analytics.git', 'acme/analytics', 'https://example.com/analytics.tgz'])('refuses %s, which is not from the registry', (spec) => {
    expect(() => parseNpmSpec(spec)).toThrow(expect.objectContaining({ code: 'PACKAGE_NOT_FOUND' }))
  })

  it('refuses a name npm does not allow, naming the spec', () => {
    expect(() => parseNpmSpec('@@bad name')).toThrow(/"@@bad name"/)
  })
})
