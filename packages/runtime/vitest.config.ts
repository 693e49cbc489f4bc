import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

/**
 * Two files at a time even on two cores (vitest's default leaves one core to itself): these are among
 * the suite's longest tests, and once the other workspaces are done they should have the whole machine.
 * Each file works in a database of its own (an embedded one, or a schema of its own on the server).
 *
 * Files share their worker's modules (`isolate: false`): loading the runtime's sources and compiling
 * PGlite's WebAssembly once per worker instead of once per file halves the CPU these tests take. The
 * files keep nothing at module level that another could see but the shared embedded test database,
 * where every test bot has its own id, and they stop what they start.
 */
export default mergeConfig(shared, defineConfig({ test: { maxWorkers: 2, minWorkers: 1, isolate: false } }))
