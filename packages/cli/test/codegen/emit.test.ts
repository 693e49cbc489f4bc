import { describe, expect, it } from 'vitest'
import { indentDeclaration } from '../../src/codegen/emit/indent.js'
import { printObject, propertyKey } from '../../src/codegen/emit/print-type.js'
import { named, object } from '../../src/codegen/resolve/model.js'
import { createNamer, pascalCase } from '../../src/codegen/resolve/type-names.js'

describe('type names', () => {
  it('are PascalCase from entity names, aliases and suffixes', () => {
    expect(pascalCase(['analytics:trackEvent', 'Input'])).toBe('AnalyticsTrackEventInput')
    expect(pascalCase(['claude-assistant', 'ask_claude', 'Output'])).toBe('ClaudeAssistantAskClaudeOutput')
  })

  it('stay unique in a module, numbered in the order they are asked for', () => {
    const name = createNamer()
    expect([name(['a-b']), name(['aB']), name(['Actions']), name(['a_b'])]).toEqual(['AB', 'AB2', 'Actions2', 'AB3'])
  })
})

describe('printed records', () => {
  it('quote keys that are not identifiers', () => {
    expect(propertyKey('trackEvent')).toBe('trackEvent')
    expect(propertyKey('analytics:trackEvent')).toBe("'analytics:trackEvent'")
  })

  it('keep small objects on one line and indent the rest, with docs', () => {
    const action = object([{ key: 'input', type: named('In') }, { key: 'output', type: named('Out') }])
    expect(printObject([{ key: 'a:b', type: action, doc: 'Does b' }, { key: 'c', type: named('C') }])).toBe(
      "{\n  /** Does b */\n  'a:b': { input: In; output: Out }\n  c: C\n}",
    )
  })
})

describe('indenting a compiled declaration', () => {
  it('follows the blocks json-schema-to-typescript opens and closes, ignoring comments', () => {
    const compiled = ['export interface A {', '/**', ' * Has { in it', ' */', 'b: {', 'c: string', '}[]', 'd: (', '| {', 'e: 1', '}', ')', '}'].join('\n')
    expect(indentDeclaration(compiled)).toBe(
      ['export interface A {', '  /**', '   * Has { in it', '   */', '  b: {', '    c: string', '  }[]', '  d: (', '    | {', '      e: 1', '    }', '  )', '}'].join('\n'),
    )
  })
})
