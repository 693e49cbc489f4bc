import { defineConfig } from 'vitest/config'

/**
 * Every workspace tests against the TypeScript sources of its siblings, never a stale build, and
 * writes a JSON report that `scripts/test-summary.mjs` adds up.
 */
export default defineConfig({
  resolve: { conditions: ['parley:source'] },
  ssr: { resolve: { conditions: ['parley:source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
  },
})
