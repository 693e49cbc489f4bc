#!/usr/bin/env node
// `npm create parley <dir> [-- --type plugin]`: `parley init` from the CLI released with this package,
// so a new project needs nothing installed first.
import { main } from '@parley/cli'

process.exitCode = await main([process.argv[0], 'parley', 'init', ...process.argv.slice(2)])
