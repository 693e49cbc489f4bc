#!/usr/bin/env node
// `parley`: runs the compiled CLI.
try {
  await import('../dist/cli.js')
} catch (error) {
  // Only a missing build is explained here; any other error is the CLI's own and already reported.
  if (error?.code !== 'ERR_MODULE_NOT_FOUND' || !String(error.url).endsWith('/dist/cli.js')) throw error
  console.error('error: @parley/cli is not built; run `npm run build` in packages/cli (or `npx turbo run build --filter=@parley/cli...`)')
  process.exitCode = 1
}
