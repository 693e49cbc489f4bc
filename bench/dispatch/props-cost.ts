import { loadavg } from 'node:os'
import { handlerProps } from '../../packages/runtime/src/proxies/handler-props.js'
import type { Engine } from '../../packages/runtime/src/engine/engine.js'
import type { CodeUnit } from '../../packages/runtime/src/engine/units.js'

// What building a handler's props costs, apart from the rest of a turn: as in the dispatch bench's
// scenario, a unit's maker is made once per message and called for each of its hooks and handlers (three
// here), each call's props read for one plain prop. No prop is made (nothing here is read that would
// need an engine): this is the props objects themselves. CPU time of this process per maker and its three
// calls, the median of the rounds.
const rounds = Number(process.argv[2] ?? 9)
const makers = Number(process.argv[3] ?? 20_000)

const names = { interfaces: [], integrations: [], actions: [], states: [], events: [], tables: [], workflows: [] }
const unit = { names, configuration: {}, alias: 'audit', source: 'plugin:audit' } as unknown as CodeUnit
const engine = {} as Engine
const ctx = { botId: 'bot', alias: '', conversationId: 'c', userId: 'u', messageId: 'm', eventId: '' }

function round(): number {
  let read = 0
  const start = process.cpuUsage()
  for (let i = 0; i < makers; i++) {
    const maker = handlerProps(engine, unit, ctx, undefined)
    for (let call = 0; call < 3; call++) read += maker({ data: i, message: call }).alias.length
  }
  const used = process.cpuUsage(start)
  if (read === 0) throw new Error('no prop was read')
  return (used.user + used.system) / makers
}

const figures = Array.from({ length: rounds }, round).sort((a, b) => a - b)
const load = loadavg().map((n) => n.toFixed(1)).join(' ')
console.log(`props: ${figures[Math.floor(rounds / 2)]!.toFixed(1)} µs of CPU per maker and its three calls, median of ${rounds} rounds of ${makers} [load ${load}]`)
