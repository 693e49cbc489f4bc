import pc from 'picocolors'
import yoctoSpinner from 'yocto-spinner'
import type { Colors, Output, StepProgress } from './output.js'

/** A stream as the terminal output uses it; `process.stdout` and `process.stderr` are ones. */
export interface TextStream {
  write(text: string): unknown
  readonly isTTY?: boolean
  hasColors?(): boolean
}

/**
 * Output to a terminal or a pipe. Steps show as a spinner on an interactive terminal, and as plain
 * lines (one when a step starts, one when it ends) in CI logs and pipes, where a spinner's redrawn
 * line would be noise. Colours only where the stream can show them, and never with `NO_COLOR`.
 */
export function terminalOutput(stdout: TextStream, stderr: TextStream, env: NodeJS.ProcessEnv): Output {
  const colors = pc.createColors(colorsEnabled(stderr, env))
  return {
    info: (text) => void stdout.write(`${text}\n`),
    error: (text) => void stderr.write(`${text}\n`),
    colors,
    step: interactive(stderr, env) ? spinnerStep(stderr as NodeJS.WriteStream, colors) : lineStep(stderr, colors),
  }
}

/** `NO_COLOR` (any value but empty) wins; then `FORCE_COLOR`; then what the terminal supports. */
export function colorsEnabled(stream: TextStream, env: NodeJS.ProcessEnv): boolean {
  if (env['NO_COLOR']) return false
  if (env['FORCE_COLOR'] !== undefined) return env['FORCE_COLOR'] !== '0' && env['FORCE_COLOR'] !== 'false'
  return stream.isTTY === true && env['TERM'] !== 'dumb' && (stream.hasColors?.() ?? false)
}

/** A terminal a person watches, not a CI log that merely has a terminal attached. */
function interactive(stream: TextStream, env: NodeJS.ProcessEnv): boolean {
  return stream.isTTY === true && env['TERM'] !== 'dumb' && !env['CI']
}

function spinnerStep(stream: NodeJS.WriteStream, colors: Colors): NonNullable<Output['step']> {
  return async (title, work) => {
    const started = performance.now()
    // Signals are the commands' to handle: `parley dev` closes its server on Ctrl+C.
    const spinner = yoctoSpinner({ text: title, stream, handleSignals: false }).start()
    const progress: StepProgress = (detail) => void (spinner.text = `${title} ${colors.dim(detail)}`)
    try {
      const result = await work(progress)
      spinner.success(`${title} ${colors.dim(elapsed(started))}`)
      return result
    } catch (error) {
      spinner.error(`${title} ${colors.red('failed')}`)
      throw error
    }
  }
}

function lineStep(stream: TextStream, colors: Colors): NonNullable<Output['step']> {
  return async (title, work) => {
    const started = performance.now()
    stream.write(`${title}…\n`)
    try {
      const result = await work(() => {})
      stream.write(`${title}: ${colors.green('done')} in ${elapsed(started)}\n`)
      return result
    } catch (error) {
      stream.write(`${title}: ${colors.red('failed')} after ${elapsed(started)}\n`)
      throw error
    }
  }
}

function elapsed(started: number): string {
  const ms = performance.now() - started
  return ms < 1000 ? `${Math.round(ms)} ms` : `${(ms / 1000).toFixed(1)} s`
}
