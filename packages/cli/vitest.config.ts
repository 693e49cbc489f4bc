import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

/**
 * Code generation imports definitions through Node itself (tsx), outside vite's resolver; the
 * condition lets those imports load the sibling packages' sources too, as the tests' own imports do.
 * Tests here run the compiler and the CLI, so they get minutes, not seconds.
 */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      pool: 'forks',
      poolOptions: { forks: { execArgv: ['--conditions=parley:source'] } },
      testTimeout: 180_000,
      hookTimeout: 180_000,
    },
  }),
)
