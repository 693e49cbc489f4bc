import { defineConfig } from 'vitest/config'

/**
 * Every workspace tests against the TypeScript sources of its siblings, never a stale build (the CLI's
 * tests run `parley` and the projects they make on the builds only when these are fresh:
 * `packages/cli/test/support/built.ts`), and writes a JSON report that `scripts/test-summary.mjs` adds up.
 *
 * Tests wait on events, never on the clock, so their limits only catch a hang: they are set for a
 * loaded 2-core CI machine (where starting an embedded database or a compiler takes seconds), not
 * for a fast laptop. A test must not need a tighter one to pass.
 */
export default defineConfig({
  resolve: { conditions: ['parley:source'] },
  ssr: { resolve: { conditions: ['parley:source'] } },
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    reporters: ['default', 'json'],
    outputFile: { json: '.test-results/vitest.json' },
    testTimeout: 600_000,
    hookTimeout: 600_000,
  },
})
