import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../vitest.shared.js'

/**
 * Two files at a time even on two cores (vitest's default leaves one core to itself): most of these
 * tests wait on processes they started (npm installing from the local registry, `parley dev`, a browser),
 * so one file's waits leave room for the other's work, and the publish-and-install test alone takes
 * minutes. Files share nothing they write: each works in temporary directories of its own, on free
 * ports, in databases or schemas of its own; the one that publishes runs its own registry, and npm's
 * cache, which it shares with the others, is made for concurrent use.
 */
export default mergeConfig(shared, defineConfig({ test: { include: ['**/*.test.ts'], exclude: ['**/node_modules/**'], maxWorkers: 2, minWorkers: 1 } }))
