import { describe, expect, it } from 'vitest'
import { step } from './output.js'
import { colorsEnabled, terminalOutput, type TextStream } from './terminal-output.js'

// What long work looks like: a spinner on a terminal a person watches, plain lines in a CI log or a
// pipe, and colours only where they can be shown and NO_COLOR is not set.

const ESCAPE = /\x1b\[/

function stream(tty: boolean): TextStream & { written: string; columns: number; cursorTo(): boolean; moveCursor(): boolean; clearLine(): boolean } {
  return {
    written: '', isTTY: tty, columns: 80,
    write(text: string) {
      this.written += text
      return true
    },
    hasColors: () => tty,
    cursorTo: () => true, moveCursor: () => true, clearLine: () => true,
  }
}

describe('steps', () => {
  it('are two plain lines outside a terminal: the step, then how long it took', async () => {
    const err = stream(false)
    const out = terminalOutput(stream(false), err, { FORCE_COLOR: undefined })
    expect(await step(out, 'Type-checking the project', async () => 42)).toBe(42)
    expect(err.written).toMatch(/^Type-checking the project…\nType-checking the project: done in \d+ ms\n$/)
    expect(err.written).not.toMatch(ESCAPE)
  })

  it('say that a step failed, and pass its error on', async () => {
    const err = stream(false)
    const out = terminalOutput(stream(false), err, {})
    await expect(step(out, 'Bundling', async () => Promise.reject(new Error('no')))).rejects.toThrow('no')
    expect(err.written).toMatch(/^Bundling…\nBundling: failed after \d+ ms\n$/)
  })

  it('are plain lines in CI even on a terminal', async () => {
    const err = stream(true)
    await step(terminalOutput(stream(true), err, { CI: 'true', NO_COLOR: '1' }), 'Generating .parley/', async () => undefined)
    expect(err.written).toMatch(/^Generating \.parley\/…\nGenerating \.parley\/: done in \d+ ms\n$/)
  })

  it('spin on a terminal, showing progress, and end with a mark and the time taken', async () => {
    const err = stream(true)
    const out = terminalOutput(stream(true), err, { TERM: 'xterm-256color' })
    // The spinner reads CI from the process itself; this test is the terminal of a person, even in CI.
    const ci = process.env['CI']
    delete process.env['CI']
    try {
      await step(out, 'Type-checking the project', async (progress) => progress('3/40 files'))
    } finally {
      if (ci !== undefined) process.env['CI'] = ci
    }
    expect(err.written).toContain('\x1b[?25l') // the cursor hidden while it spins
    expect(err.written).toContain('Type-checking the project')
    expect(err.written).toContain('3/40 files')
    expect(err.written).toMatch(/✔(\x1b\[39m)? Type-checking the project .*\d+ ms.*\n$/)
  })
})

describe('colours', () => {
  it('follow NO_COLOR first, then FORCE_COLOR, then the terminal', () => {
    expect(colorsEnabled(stream(true), {})).toBe(true)
    expect(colorsEnabled(stream(true), { NO_COLOR: '1' })).toBe(false)
    expect(colorsEnabled(stream(true), { TERM: 'dumb' })).toBe(false)
    expect(colorsEnabled(stream(false), {})).toBe(false)
    expect(colorsEnabled(stream(false), { FORCE_COLOR: '1' })).toBe(true)
    expect(colorsEnabled(stream(false), { FORCE_COLOR: '1', NO_COLOR: 'yes' })).toBe(false)
    expect(colorsEnabled(stream(true), { NO_COLOR: '' })).toBe(true)
  })

  it('mark errors only where they are on', () => {
    expect(terminalOutput(stream(true), stream(true), { NO_COLOR: '1' }).colors!.red('error')).toBe('error')
    expect(terminalOutput(stream(true), stream(true), {}).colors!.red('error')).toBe('\x1b[31merror\x1b[39m')
  })
})
