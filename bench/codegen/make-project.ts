import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

/** The size of the benchmark bot. */
export const SHAPE = { plugins: 20, actions: 10, states: 10, events: 10, tables: 2, integrations: 3, integrationActions: 10, integrationEvents: 5 }

const pad = (n: number) => String(n + 1).padStart(2, '0')
const times = <T>(n: number, make: (i: number) => T): T[] => Array.from({ length: n }, (_, i) => make(i))

let unique = 0

/**
 * Payload schemas of a few shapes, so generated types are as varied as a real bot's; each also gets a
 * field of its own, so no two schemas are the same and none can be compiled once for several types.
 */
function schema(seed: number): string {
  return schemaShape(seed).replace('z.object({ ', `z.object({ field${++unique}: z.string().optional(), `)
}

function schemaShape(seed: number): string {
  const shapes = [
    'z.object({ id: z.string(), count: z.number().int(), label: z.string().optional() })',
    "z.object({ kind: z.enum(['a', 'b', 'c']), tags: z.array(z.string()), at: z.string().datetime() })",
    'z.object({ user: z.object({ id: z.string(), name: z.string().nullable() }), score: z.number().min(0).max(1) })',
    'z.object({ items: z.array(z.object({ sku: z.string(), quantity: z.number() })), total: z.number(), currency: z.string().default("EUR") })',
    'z.object({ properties: z.record(z.string(), z.unknown()), enabled: z.boolean(), note: z.string().max(200).optional() })',
  ]
  return shapes[seed % shapes.length]!
}

function entries(count: number, make: (i: number) => string): string {
  return times(count, make).join(',\n    ')
}

function pluginSource(p: number): string {
  const name = `p${pad(p)}`
  return `import { PluginDefinition, z } from '@parley/sdk'

export default new PluginDefinition({
  name: '${name}',
  version: '1.0.0',
  configuration: { schema: z.object({ enabled: z.boolean().default(true), rate: z.number().default(1) }) },
  states: {
    ${entries(SHAPE.states, (i) => `state${pad(i)}: { type: '${['bot', 'user', 'conversation'][i % 3]}', schema: ${schema(p + i)} }`)}
  },
  events: {
    ${entries(SHAPE.events, (i) => `event${pad(i)}: { schema: ${schema(p + i + 1)} }`)}
  },
  actions: {
    ${entries(SHAPE.actions, (i) => `action${pad(i)}: { title: 'Action ${i + 1}', input: { schema: ${schema(p + i + 2)} }, output: { schema: ${schema(p + i + 3)} } }`)}
  },
  tables: {
    ${entries(SHAPE.tables, (i) => `${name}Table${pad(i)}: { schema: ${schema(p + i)}, indexes: [] }`)}
  },
})
`
}

function integrationSource(n: number): string {
  return `import { IntegrationDefinition, z } from '@parley/sdk'

export default new IntegrationDefinition({
  name: 'i${pad(n)}',
  version: '1.0.0',
  configuration: { schema: z.object({ apiKey: z.string() }) },
  secrets: { TOKEN: {}, REGION: { optional: true } },
  actions: {
    ${entries(SHAPE.integrationActions, (i) => `call${pad(i)}: { input: { schema: ${schema(n + i)} }, output: { schema: ${schema(n + i + 1)} } }`)}
  },
  events: {
    ${entries(SHAPE.integrationEvents, (i) => `happened${pad(i)}: { schema: ${schema(n + i + 2)} }`)}
  },
  channels: {
    chat: { messages: { text: { schema: z.object({ text: z.string() }) }, card: { schema: ${schema(n)} } } },
  },
})
`
}

function botSource(): string {
  const imports = [
    ...times(SHAPE.integrations, (i) => `import i${pad(i)} from './integrations/i${pad(i)}.definition'`),
    ...times(SHAPE.plugins, (i) => `import p${pad(i)} from './plugins/p${pad(i)}.definition'`),
  ]
  const adds = [
    ...times(SHAPE.integrations, (i) => `bot.addIntegration(i${pad(i)}, { alias: 'i${pad(i)}', configuration: { apiKey: 'key' } })`),
    ...times(SHAPE.plugins, (i) => `bot.addPlugin(p${pad(i)}, { alias: 'p${pad(i)}' })`),
  ]
  return `import { BotDefinition, z } from '@parley/sdk'
${imports.join('\n')}

const bot = new BotDefinition({
  actions: { ping: { input: { schema: z.object({}) }, output: { schema: z.object({ ok: z.boolean() }) } } },
})
${adds.join('\n')}

export default bot
`
}

/** The bot's handlers; `header` brings in the bot class, bound to the generated types. */
const handlers = (header: string) => `${header}


bot.on.message('text', async ({ message, client, states }) => {
  const { total } = await client.callAction({ type: 'p01:action01', input: { user: { id: message.userId, name: null }, score: 0.5 } })
  await states['p20:state03'].set({ id: message.userId, payload: { kind: 'b', tags: [message.payload.text], at: new Date().toISOString() } })
  await client.createEvent({ type: 'p10:event05', payload: { properties: { total }, enabled: true } })
})
`

const implementation = handlers(`import * as bp from '../.parley'

export const bot = new bp.Bot({ actions: { ping: async () => ({ ok: true }) } })`)

/** The same handlers typed by `.parley/types.ts` alone, without the definitions `.parley/index.ts` re-exports. */
const generatedUsage = handlers(`import { BotImplementation } from '@parley/sdk'
import type { Types } from './.parley/types'

export const bot = new BotImplementation<Types>({ actions: { ping: async () => ({ ok: true }) } })`)

const tsconfig = {
  compilerOptions: {
    target: 'ES2022', lib: ['ES2023'], module: 'ESNext', moduleResolution: 'Bundler', strict: true,
    noUncheckedIndexedAccess: true, isolatedModules: true, verbatimModuleSyntax: true, skipLibCheck: true, noEmit: true, types: [],
  },
  include: ['*.ts', 'src', 'plugins', 'integrations', '.parley/**/*.ts'],
}

/** The generated types and handlers typed by them: what type-checking generated code costs, without the definitions. */
const tsconfigGenerated = { extends: './tsconfig.json', include: [], files: ['.parley/types.ts', 'generated-usage.ts'] }

/** The definitions alone, as the bot's definition imports them: what checking the user's zod schemas costs. */
const tsconfigDefinitions = { extends: './tsconfig.json', include: [], files: ['bot.definition.ts'] }

/** An empty project with the same settings: what `tsc` costs before there is any code to check. */
const tsconfigEmpty = { extends: './tsconfig.json', include: ['empty/empty.ts'] }

/** Writes the benchmark bot (and an empty project beside it) into `dir`, replacing what was there. */
export function makeProject(dir: string): void {
  rmSync(dir, { recursive: true, force: true })
  unique = 0
  const write = (path: string, text: string) => {
    mkdirSync(join(dir, path, '..'), { recursive: true })
    writeFileSync(join(dir, path), text)
  }
  times(SHAPE.plugins, (i) => write(`plugins/p${pad(i)}.definition.ts`, pluginSource(i)))
  times(SHAPE.integrations, (i) => write(`integrations/i${pad(i)}.definition.ts`, integrationSource(i)))
  write('bot.definition.ts', botSource())
  write('src/index.ts', implementation)
  write('generated-usage.ts', generatedUsage)
  write('package.json', `${JSON.stringify({ name: 'bench-bot', private: true, type: 'module' }, null, 2)}\n`)
  write('tsconfig.json', JSON.stringify(tsconfig, null, 2))
  write('tsconfig.generated.json', JSON.stringify(tsconfigGenerated, null, 2))
  write('tsconfig.empty.json', JSON.stringify(tsconfigEmpty, null, 2))
  write('tsconfig.definitions.json', JSON.stringify(tsconfigDefinitions, null, 2))
  write('empty/empty.ts', 'export {}\n')
}
