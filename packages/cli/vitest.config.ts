import { defineConfig, mergeConfig } from 'vitest/config'
import shared from '../../vitest.shared.js'

/**
 * Code generation imports definitions through Node itself (tsx), outside vite's resolver; the
 * condition lets those imports load the sibling packages' sources too, as the tests' own imports do.
 * Tests here run the compiler and the CLI: the suite's limits (`vitest.shared.ts`) are made for that.
 *
 * Two files at a time even on two cores (vitest's default leaves one core to itself): a CLI test spends
 * most of its time waiting on the processes it started, and these are the suite's longest tests, so
 * once the other workspaces are done they should have the whole machine. Each file works in temporary
 * directories, on ports and database schemas of its own.
 */
export default mergeConfig(
  shared,
  defineConfig({
    test: {
      pool: 'forks',
      maxWorkers: 2,
      minWorkers: 1,
      poolOptions: { forks: { execArgv: ['--conditions=parley:source'] } },
    },
  }),
)
