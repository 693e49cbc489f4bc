import { isAbsolute, relative, sep } from 'node:path'
import { fileURLToPath } from 'node:url'

/** Folders whose code is never the project's own, even inside the project. */
const NOT_OWN = new Set(['node_modules', '.parley', 'dist'])

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/

/**
 * The first frame of a stack trace in the project's own code, as `src/index.ts:12:5` (relative to
 * the project): where a handler threw, or called what threw. Undefined when no frame is the project's.
 */
export function projectFrame(stack: string | undefined, projectDir: string): string | undefined {
  for (const line of (stack ?? '').split('\n')) {
    const frame = FRAME.exec(line)
    const file = frame && ownFile(frame[1]!, projectDir)
    if (file) return `${file}:${frame[2]}:${frame[3]}`
  }
  return undefined
}

/** `path` relative to the project, with `/`, when it is one of the project's own files. */
export function ownFile(location: string, projectDir: string): string | undefined {
  const path = toPath(location)
  if (!path) return undefined
  const rel = relative(projectDir, path)
  if (!rel || rel.startsWith('..') || isAbsolute(rel)) return undefined
  const parts = rel.split(sep)
  return parts.some((part) => NOT_OWN.has(part)) ? undefined : parts.join('/')
}

/** A frame's file as a path: `file:` URLs converted, and the TypeScript loader's `?namespace=…` dropped. */
function toPath(location: string): string | undefined {
  if (!location.startsWith('file:') && !isAbsolute(location)) return undefined
  const path = location.replace(/\?.*$/, '')
  try {
    return path.startsWith('file:') ? fileURLToPath(path) : path
  } catch {
    return undefined
  }
}
