import { main } from './main.js'

// The process entry: `bin/parley.js` loads the build of this file.
process.exitCode = await main(process.argv)
