import { openDatabase } from '@parley/runtime'
import { parleyTarget, type Target } from './targets.js'

// A/B of traces on PGlite at concurrency 1, interleaved rounds: written (the default), recorded but never
// written (a batch that never fills and a timer that never fires: what recording alone costs), and off.
const rounds = Number(process.argv[2] ?? 6)
const per = Number(process.argv[3] ?? 200)
const targets: Record<string, Target> = {
  on: await parleyTarget('PGlite', await openDatabase({})),
  recorded: await parleyTarget('PGlite', await openDatabase({}), { traceBatch: { maxRows: 1e9, delayMs: 1e9 } }),
  off: await parleyTarget('PGlite', await openDatabase({}), { traces: false }),
}
const time = async (target: Target) => {
  // CPU time of this process (PGlite runs in it): steadier than wall time on a loaded machine.
  const started = process.cpuUsage()
  for (let i = 0; i < per; i++) await target.send(i)
  const used = process.cpuUsage(started)
  return per / ((used.user + used.system) / 1e6)
}
for (const target of Object.values(targets)) await time(target)
const results: Record<string, number[]> = Object.fromEntries(Object.keys(targets).map((name) => [name, []]))
for (let r = 0; r < rounds; r++) {
  // Alternating the order, so none always runs after another's garbage.
  const order = r % 2 === 0 ? Object.entries(targets) : Object.entries(targets).reverse()
  for (const [name, target] of order) results[name]!.push(await time(target))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
const [on, recorded, off] = [median(results['on']!), median(results['recorded']!), median(results['off']!)]
const cost = (value: number) => `${((1 - value / off) * 100).toFixed(1)} %`
// Each round's targets ran back to back, so a round's own ratio is steadier than the ratio of medians
// when the machine's other work comes and goes between rounds.
const paired = (name: string) => `${((1 - median(results[name]!.map((value, r) => value / results['off']![r]!))) * 100).toFixed(1)} %`
console.log(`on ${on.toFixed(0)} msg/s, recorded only ${recorded.toFixed(0)}, off ${off.toFixed(0)}; cost ${cost(on)} (recording alone ${cost(recorded)})`)
console.log(`median of each round's cost: ${paired('on')} (recording alone ${paired('recorded')})`)
console.log(JSON.stringify(results))
for (const target of Object.values(targets)) await target.close()
