import type { AnyPluginImplementation } from '@parley/sdk'

/**
 * A fixture project's plugin code (`packages/cli/test/fixtures/projects/<project>/src/index.ts`). It is
 * imported by a computed path: it imports its generated module as Botpress code does (`'../.parley'`, a
 * folder), which vitest resolves and this package's type-checking, under Node's resolution, does not.
 * The fixture is type-checked in its own project, by the CLI's compile tests.
 */
export async function fixturePlugin(project: string): Promise<AnyPluginImplementation> {
  const path = `../../../packages/cli/test/fixtures/projects/${project}/src/index.ts`
  return ((await import(path)) as { default: AnyPluginImplementation }).default
}
