import { fileURLToPath } from 'node:url'

/** A place in a source file: where the user's code built a definition or added a package. */
export interface SourceLocation {
  /** An absolute path. */
  readonly file: string
  /** 1-based, as editors count. */
  readonly line: number
  readonly column: number
}

/**
 * This package's `src/` and `dist/`: frames in them are never the user's. Both, whichever this file
 * runs from: a built file's frames are shown at its source (`src/`) wherever source maps are on, as
 * tsx turns them on for the definitions it loads.
 */
const SDK_ROOTS = ['../../src/', '../../dist/'].map((path) => fileURLToPath(new URL(path, import.meta.url)))

/** Deep enough to get past the SDK's own frames whatever the default limit is. */
const FRAMES = 50

const FRAME = /^\s*at (?:.*? \()?(.+?):(\d+):(\d+)\)?$/

/**
 * The first frame of the current stack outside the SDK, zod and Node itself: the line of the user's
 * code that led here (`new PluginDefinition({ … })`, `bot.addPlugin(…)`). Undefined when no frame is
 * the user's, or the runtime gives no stack.
 */
export function userCallSite(): SourceLocation | undefined {
  const limit = Error.stackTraceLimit
  Error.stackTraceLimit = FRAMES
  const stack = new Error().stack ?? ''
  Error.stackTraceLimit = limit
  for (const line of stack.split('\n').slice(1)) {
    const frame = FRAME.exec(line)
    const file = frame && toPath(frame[1]!)
    if (file && !isLibrary(file)) return { file, line: Number(frame[2]), column: Number(frame[3]) }
  }
  return undefined
}

/** A frame's file as a path: `file:` URLs converted, and loaders' query strings (`?namespace=…`) dropped. */
function toPath(location: string): string | undefined {
  if (location.startsWith('node:') || location.startsWith('data:') || location.startsWith('native')) return undefined
  const path = location.replace(/\?.*$/, '')
  try {
    return path.startsWith('file:') ? fileURLToPath(path) : path
  } catch {
    return undefined
  }
}

function isLibrary(file: string): boolean {
  return SDK_ROOTS.some((root) => file.startsWith(root)) || /[\\/]node_modules[\\/](zod|@parley[\\/]sdk)[\\/]/.test(file) || !/[\\/]/.test(file)
}
