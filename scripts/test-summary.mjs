// Adds up every workspace's vitest JSON report into one closing line: "N passed, N failed, N skipped".
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

const workspaces = ['packages', 'plugins', 'integrations', 'bots']
  .filter((dir) => existsSync(dir))
  .flatMap((dir) => readdirSync(dir).map((name) => join(dir, name)))
  .concat('test')
const reports = workspaces.map((dir) => join(dir, '.test-results', 'vitest.json')).filter((file) => existsSync(file))

const total = { passed: 0, failed: 0, skipped: 0 }
for (const file of reports) {
  const report = JSON.parse(readFileSync(file, 'utf8'))
  total.passed += report.numPassedTests
  total.failed += report.numFailedTests
  total.skipped += report.numPendingTests + report.numTodoTests
}
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`)
