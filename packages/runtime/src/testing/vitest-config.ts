import type { Plugin } from 'vite'
import tsconfigPaths from 'vite-tsconfig-paths'

export interface ParleyVitestOptions {
  /** The project's folder, holding its tsconfig.json; by default the folder vitest runs in. */
  readonly root?: string
}

/**
 * Vitest settings for a Parley project, to spread into its `vitest.config.ts`. The project's code may
 * import its generated module as TypeScript resolves it under `baseUrl` (`import * as bp from '.parley'`,
 * as Botpress code imports `.botpress`) or through `paths`; vite resolves only relative imports and
 * packages, so the project's tsconfig.json is read (with vite-tsconfig-paths) and its imports resolve in
 * tests exactly as they type-check.
 */
export function parleyVitestConfig(options: ParleyVitestOptions = {}): { plugins: Plugin[] } {
  return { plugins: [tsconfigPaths(options.root === undefined ? {} : { root: options.root })] }
}
