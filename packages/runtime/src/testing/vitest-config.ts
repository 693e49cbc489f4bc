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
export function parleyVitestConfig(options: ParleyVitestOptions = {}): { plugins: VitePlugin[] } {
  return { plugins: [tsconfigPaths(options.root === undefined ? {} : { root: options.root })] }
}

/**
 * A vite plugin as the project's own vite sees it. Typed by its name only, not by this package's copy of
 * vite's types: a project may have another copy (a linked checkout does), whose types would not match.
 */
export interface VitePlugin {
  readonly name: string
}
