import { describe, expect, it } from 'vitest'
import { describeDrift, findDrift } from '../../src/project/drift.js'

const file = (path: string, content: string) => ({ path, content })

describe('drift between generated files and those on disk', () => {
  it('is empty when they are the same', () => {
    expect(findDrift([file('.parley/a.ts', 'x\n')], [file('.parley/a.ts', 'x\n')])).toEqual([])
  })

  it('finds missing, extra and changed files, with the first changed line', () => {
    const drift = findDrift(
      [file('.parley/index.ts', 'a\nb\nc\n'), file('.parley/types.ts', 't\n')],
      [file('.parley/index.ts', 'a\nB\nc\nd\n'), file('.parley/old.ts', 'o\n')],
    )
    expect(drift).toEqual([
      { path: '.parley/index.ts', change: 'changed', firstDifference: { line: 2, expected: 'b', actual: 'B' }, linesAdded: 1, linesRemoved: 2 },
      { path: '.parley/types.ts', change: 'missing' },
      { path: '.parley/old.ts', change: 'extra' },
    ])
    expect(describeDrift(drift)).toBe([
      '  .parley/index.ts: 1 line(s) to add, 2 to remove; first difference at line 2:',
      '    generated: b',
      '    on disk:   B',
      '  .parley/types.ts: missing',
      '  .parley/old.ts: no longer generated',
    ].join('\n'))
  })
})
