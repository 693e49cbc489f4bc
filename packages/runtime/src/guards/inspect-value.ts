import type { InputIssue } from './input-error.js'
import { LIMITS } from './limits.js'
import { printable, textProblem } from './text.js'

/** Enough to show what is wrong without answering a hostile request with a huge error. */
const MAX_ISSUES = 20

/** A value still to look at; its path is spelled out only when it has a problem (most values have none). */
interface Pending {
  readonly value: unknown
  readonly depth: number
  readonly key?: string
  readonly parent?: Pending
}

/**
 * What no part of the runtime can take in a JSON-like value, each problem with its dotted path: text the
 * database cannot store (in values and in keys), numbers that are not finite (JSON's `1e400` reads as
 * Infinity, which would be written as `null`), and nesting deeper than {@link LIMITS.depth}. It walks
 * breadth first without recursing, so a value nested a million deep is measured, never overflows the stack.
 * Arrays and plain objects are walked; anything else (a Date, a Buffer) is a leaf.
 */
export function inspectValue(value: unknown, root = ''): InputIssue[] {
  const issues: InputIssue[] = []
  const queue: Pending[] = [{ value, depth: 0 }]
  const pathOf = (item: Pending): string => (item.parent === undefined ? root : join(pathOf(item.parent), item.key!))
  for (let next = 0; next < queue.length && issues.length < MAX_ISSUES; next++) {
    const item = queue[next]!
    const problem = leafProblem(item.value)
    if (problem) issues.push({ path: pathOf(item), message: problem })
    if (!isContainer(item.value)) continue
    if (item.depth >= LIMITS.depth) {
      issues.push({ path: pathOf(item), message: `nests arrays and objects more than ${LIMITS.depth} deep; flatten it` })
      continue
    }
    for (const [key, child] of Object.entries(item.value)) {
      const pending = { value: child, depth: item.depth + 1, key, parent: item }
      const keyProblem = Array.isArray(item.value) ? undefined : textProblem(key)
      if (keyProblem) issues.push({ path: pathOf(pending), message: `the key ${keyProblem}` })
      queue.push(pending)
    }
  }
  return issues.slice(0, MAX_ISSUES)
}

function leafProblem(value: unknown): string | undefined {
  if (typeof value === 'string') return textProblem(value)
  if (typeof value === 'number' && !Number.isFinite(value)) return `${value} is not a finite number; JSON cannot carry it`
  return undefined
}

/** Arrays and plain objects: what JSON makes, and what a payload is built from. */
export function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  if (Array.isArray(value)) return true
  if (typeof value !== 'object' || value === null) return false
  const prototype = Object.getPrototypeOf(value)
  return prototype === Object.prototype || prototype === null
}

function join(path: string, key: string): string {
  const shown = printable(key)
  return path === '' ? shown : `${path}.${shown}`
}
