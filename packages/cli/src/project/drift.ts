import type { GeneratedFile } from '../codegen/emit/index.js'

/** How one generated file on disk differs from what `parley gen` would write now. */
export interface FileDrift {
  readonly path: string
  readonly change: 'missing' | 'extra' | 'changed'
  /** For a changed file: the first line that differs, as generated and as on disk. */
  readonly firstDifference?: { readonly line: number; readonly expected: string; readonly actual: string }
  readonly linesAdded?: number
  readonly linesRemoved?: number
}

/** Every difference between the files `parley gen` would write and those on disk, by path. */
export function findDrift(expected: readonly GeneratedFile[], actual: readonly GeneratedFile[]): FileDrift[] {
  const onDisk = new Map(actual.map((f) => [f.path, f.content]))
  const wanted = new Set(expected.map((f) => f.path))
  const drift: FileDrift[] = []
  for (const file of expected) {
    const current = onDisk.get(file.path)
    if (current === undefined) drift.push({ path: file.path, change: 'missing' })
    else if (current !== file.content) drift.push(changed(file.path, file.content, current))
  }
  for (const file of actual) if (!wanted.has(file.path)) drift.push({ path: file.path, change: 'extra' })
  return drift
}

function changed(path: string, expected: string, actual: string): FileDrift {
  const want = expected.split('\n')
  const have = actual.split('\n')
  const index = want.findIndex((line, i) => line !== have[i])
  const at = index < 0 ? want.length : index
  const { added, removed } = countChanges(want, have)
  return {
    path,
    change: 'changed',
    firstDifference: { line: at + 1, expected: want[at] ?? '(end of file)', actual: have[at] ?? '(end of file)' },
    linesAdded: added,
    linesRemoved: removed,
  }
}

/** Lines `gen` would add and remove, counted as multisets: cheap, and enough for a summary. */
function countChanges(want: readonly string[], have: readonly string[]): { added: number; removed: number } {
  const counts = new Map<string, number>()
  for (const line of have) counts.set(line, (counts.get(line) ?? 0) + 1)
  let added = 0
  for (const line of want) {
    const left = counts.get(line) ?? 0
    if (left > 0) counts.set(line, left - 1)
    else added++
  }
  const removed = [...counts.values()].reduce((sum, n) => sum + n, 0)
  return { added, removed }
}

/** A few lines per file, for a terminal or a CI log. */
export function describeDrift(drift: readonly FileDrift[]): string {
  return drift.map((d) => {
    if (d.change === 'missing') return `  ${d.path}: missing`
    if (d.change === 'extra') return `  ${d.path}: no longer generated`
    const first = d.firstDifference!
    return [
      `  ${d.path}: ${d.linesAdded} line(s) to add, ${d.linesRemoved} to remove; first difference at line ${first.line}:`,
      `    generated: ${first.expected}`,
      `    on disk:   ${first.actual}`,
    ].join('\n')
  }).join('\n')
}
