import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../vitest.shared.js'

/**
 * Two files at a time even on two cores (vitest's default leaves one core to itself): most of these
 * tests wait on processes they started (npm installing from the local registry, `parley dev`, a browser),
 * so one file's waits leave room for the other's work, and the publish-and-install test alone takes
 * minutes. Files share nothing they write: each works in temporary directories of its own, on free
 * ports, in databases or schemas of its own; the one that publishes runs its own registry, and npm's
 * cache, which it shares with the others, is made for concurrent use.
 *
 * Files share their worker's modules (`isolate: false`): most import the runtime's sources, and loading
 * them once per worker rather than once per file halves the CPU of those files (the ten botpress, runtime,
 * seeds and scripts files: 61 CPU-s instead of 114). No file changes the environment or anything at
 * module level another could see, and each stops what it starts.
 */
export default mergeConfig(shared, defineConfig({ test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], maxWorkers: 2, minWorkers: 1, isolate: false } }))
