import tsconfigPaths from 'vite-tsconfig-paths'

export interface ParleyVitestOptions {
  /** The project's folder, holding its tsconfig.json; by default the folder vitest runs in. */
  readonly root?: string
}

/**
 * Vitest settings for a Parley project, for its `vitest.config.ts` (`defineConfig(parleyVitestConfig())`,
 * or `mergeConfig` with its own). The project's code may import its generated module as TypeScript
 * resolves it under `baseUrl` (`import * as bp from '.parley'`, as Botpress code imports `.botpress`) or
 * through `paths`; vite resolves only relative imports and packages, so the project's tsconfig.json is
 * read (with vite-tsconfig-paths) and its imports resolve in tests exactly as they type-check.
 */
export function parleyVitestConfig(options: ParleyVitestOptions = {}): ParleyVitestConfig {
  return {
    plugins: [tsconfigPaths(options.root === undefined ? {} : { root: options.root })],
    test: { testTimeout: TEST_TIMEOUT_MS, hookTimeout: TEST_TIMEOUT_MS },
  }
}

/**
 * A test of a bot starts an embedded database and runs every turn through it: seconds on a busy
 * machine, past vitest's default of 5 s. Tests wait on events, so the limit only has to catch a hang.
 */
const TEST_TIMEOUT_MS = 120_000

export interface ParleyVitestConfig {
  readonly plugins: VitePlugin[]
  readonly test: { readonly testTimeout: number; readonly hookTimeout: number }
}

/**
 * A vite plugin as the project's own vite sees it. Typed by its name only, not by this package's copy of
 * vite's types: a project may have another copy (a linked checkout does), whose types would not match.
 */
export interface VitePlugin {
  readonly name: string
}
