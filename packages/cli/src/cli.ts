import { main } from './main.js'

// The process entry: `bin/parley.js` loads the build of this file. A command that has returned is
// done, whatever it left open (a database pool, a file watcher): once what it wrote is flushed, exit
// with its code rather than linger as a process nobody waits for.
const code = await main(process.argv)
await Promise.all([process.stdout, process.stderr].map((stream) => new Promise((resolve) => stream.write('', resolve))))
process.exit(code)
