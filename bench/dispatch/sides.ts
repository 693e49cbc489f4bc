/**
 * Two sides of runtimes (traces on and off, one build and another) measured in one process: every
 * runtime once per round, the order rotating each round, so both sides meet the machine's swings alike.
 * A side is the sum of its runtimes (one embedded database can run a few per cent faster than another for
 * a whole run); one half of a side against its other half is the noise a difference must stand above.
 */
export interface Sides {
  readonly names: readonly string[]
  readonly results: ReadonlyMap<string, readonly number[]>
  readonly rounds: number
}

/** Runs `measure` for every runtime, by name, `rounds` times, the order rotating each round. */
export async function interleave(names: readonly string[], rounds: number, measure: (name: string) => Promise<number>): Promise<Sides> {
  const results = new Map<string, number[]>(names.map((name) => [name, []]))
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < names.length; k++) {
      const name = names[(r + k) % names.length]!
      results.get(name)!.push(await measure(name))
    }
  }
  return { names, results, rounds }
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const sum = (xs: readonly number[]) => xs.reduce((total, x) => total + x, 0)
const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)} %`

/** Each round's figure summed over the runtimes of a side (named `<side> <n>`), or over some of them. */
export function side(sides: Sides, kind: string, part: (index: number) => boolean = () => true): number[] {
  const { names, results, rounds } = sides
  const members = names.filter((name) => name.startsWith(kind) && part(Number(name.split(' ')[1]) - 1))
  return Array.from({ length: rounds }, (_, r) => members.reduce((total, name) => total + results.get(name)![r]!, 0))
}

/** Odd runtimes against even ones: the two halves of a side take turns through the round, as the sides do. */
const half = (first: boolean) => (index: number): boolean => (index % 2 === 0) === first

/** A against B by the median of each round's own ratio, and by the ratio of the sums over all rounds. */
export function compare(a: readonly number[], b: readonly number[]): string {
  return `${percent(median(a.map((value, r) => value / b[r]!)))} (median of rounds), ${percent(sum(a) / sum(b))} (sums)`
}

/** Half of a side against its other half, for both sides. */
export function noise(sides: Sides, kinds: readonly [string, string]): string {
  return kinds.map((kind) => `${kind} ${compare(side(sides, kind, half(true)), side(sides, kind, half(false)))}`).join('; ')
}

/** Each runtime's median, as a line's list. */
export function medians(sides: Sides): string {
  return sides.names.map((name) => `${name} ${median(sides.results.get(name)!).toFixed(0)} µs`).join(', ')
}
