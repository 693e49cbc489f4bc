import { join } from 'node:path'
import { afterAll, expect, it } from 'vitest'
import { cliCommand, watchProcess, type WatchedProcess } from '../support/cli-process.js'
import { makeTempDir } from '../support/temp-project.js'

// Two `parley serve` on one data directory would both write the embedded database and corrupt it: the second
// must stop at once and say who holds the directory, and a holder killed outright must not keep it locked.

const temp = makeTempDir()
afterAll(temp.cleanup)

const ENV = { PORT: '0', HOST: '127.0.0.1', PARLEY_API_TOKENS: `admin=${'d4'.repeat(16)}` }

function serve(dataDir: string): WatchedProcess {
  return watchProcess(cliCommand(['serve', '--data', dataDir]), { cwd: temp.dir, env: ENV })
}

it('refuses a second server on a data directory in use, and starts after the holder was killed', async () => {
  const dataDir = join(temp.dir, 'data')
  const first = serve(dataDir)
  await first.waitFor(/Parley serve at http/)

  const second = serve(dataDir)
  expect(await second.exited).toBe(1)
  expect(second.output()).toContain(`the embedded database in ${join(dataDir, 'db')} is in use by process ${first.child.pid}`)

  first.child.kill('SIGKILL')
  await first.exited
  const third = serve(dataDir)
  await third.waitFor(/Parley serve at http/)
  expect(third.output()).not.toContain('in use')
  // How a server stops is deploy.test.ts's to check; here it only has to let go of the directory.
  third.child.kill('SIGKILL')
  await third.exited
})
