import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

/**
 * Two files at a time even on two cores (vitest's default leaves one core to itself): these are among
 * the suite's longest tests, and once the other workspaces are done they should have the whole machine.
 * Each file works in a database of its own (an embedded one, or a schema of its own on the server).
 */
export default mergeConfig(shared, defineConfig({ test: { maxWorkers: 2, minWorkers: 1 } }))
