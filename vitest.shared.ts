import { defineConfig } from 'vitest/config'

/** Every package tests against the TypeScript sources of its siblings, never a stale build. */
export default defineConfig({
  resolve: { conditions: ['parley:source'] },
  ssr: { resolve: { conditions: ['parley:source'] } },
  test: { include: ['src/**/*.test.ts', 'test/**/*.test.ts'], typecheck: { enabled: false } },
})
