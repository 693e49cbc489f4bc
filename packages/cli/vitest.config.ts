import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

/**
 * Code generation imports definitions through Node itself (tsx), outside vite's resolver; the
 * condition lets those imports load the sibling packages' sources too, as the tests' own imports do.
 * Tests here run the compiler and the CLI: the suite's limits (`vitest.shared.ts`) are made for that.
 */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      pool: 'forks',
      poolOptions: { forks: { execArgv: ['--conditions=parley:source'] } },
    },
  }),
)
