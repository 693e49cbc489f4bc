import pc from 'picocolors'

/** Colour functions: `colors.red('error')`; they return the text unchanged when colours are off. */
export type Colors = ReturnType<typeof pc.createColors>

/** Updates what a running step shows beside its title: `12/40 files`. */
export type StepProgress = (detail: string) => void

/** Where commands write: results to `info` (stdout), problems and progress to `error` (stderr). */
export interface Output {
  info(text: string): void
  error(text: string): void
  /**
   * Shows long work while it runs (a spinner in a terminal, a line elsewhere) and how long it took.
   * Outputs without it run each step silently.
   */
  step?<T>(title: string, work: (progress: StepProgress) => Promise<T>): Promise<T>
  /** Colours for text meant for a person; none when absent. */
  readonly colors?: Colors
}

const plain = pc.createColors(false)

/** Runs `work` as a step of `out`: shown when the output shows steps, silently otherwise. */
export function step<T>(out: Output, title: string, work: (progress: StepProgress) => Promise<T>): Promise<T> {
  return out.step ? out.step(title, work) : work(() => {})
}

/** The colours to write with: the output's, or none. */
export function colorsOf(out: Output): Colors {
  return out.colors ?? plain
}
