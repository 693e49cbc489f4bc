import { openDatabase } from '@parley/runtime'
import { parleyTarget } from './targets.js'

// Quick A/B of traces on and off on PGlite at concurrency 1, interleaved rounds.
const rounds = Number(process.argv[2] ?? 6)
const per = Number(process.argv[3] ?? 200)
const on = await parleyTarget('PGlite', await openDatabase({}))
const off = await parleyTarget('PGlite', await openDatabase({}), { traces: false })
const time = async (target: typeof on) => {
  // CPU time of this process (PGlite runs in it): steadier than wall time on a loaded machine.
  const started = process.cpuUsage()
  for (let i = 0; i < per; i++) await target.send(i)
  const used = process.cpuUsage(started)
  return per / ((used.user + used.system) / 1e6)
}
await time(on); await time(off)
const results = { on: [] as number[], off: [] as number[] }
for (let r = 0; r < rounds; r++) {
  // Alternating which goes first, so neither always runs after the other's garbage.
  if (r % 2 === 0) results.on.push(await time(on))
  results.off.push(await time(off))
  if (r % 2 === 1) results.on.push(await time(on))
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!
console.log(`on ${median(results.on).toFixed(0)} msg/s, off ${median(results.off).toFixed(0)} msg/s, cost ${((1 - median(results.on) / median(results.off)) * 100).toFixed(1)} %`)
console.log(JSON.stringify(results))
await on.close(); await off.close()
