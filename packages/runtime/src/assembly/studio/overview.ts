import { toJsonSchema, type BotDefinition, type Schema } from '@parley/sdk'

/** What a person sees of a bot's make-up: its packages, their settings (secrets masked) and its entities' schemas. */
export interface BotOverview {
  readonly plugins: readonly PackageOverview[]
  readonly integrations: readonly PackageOverview[]
  readonly states: readonly { readonly name: string; readonly type: string; readonly expiryMs?: number; readonly schema: object }[]
  readonly tables: readonly { readonly name: string; readonly schema: object }[]
  readonly events: readonly { readonly name: string; readonly schema: object }[]
  readonly actions: readonly { readonly name: string; readonly input: object; readonly output: object }[]
  readonly workflows: readonly { readonly name: string; readonly input: object; readonly output: object }[]
}

export interface PackageOverview {
  readonly alias: string
  readonly name: string
  readonly version: string
  readonly configuration: Record<string, unknown>
  readonly adminPages: readonly unknown[]
}

export const MASK = '••••••'
/** Configuration fields that hold credentials by their name, whatever the package says of them. */
const SECRET_NAME = /secret|token|password|passwd|api[-_]?key|private[-_]?key|credential|signing/i

export function botOverview(definition: BotDefinition): BotOverview {
  const schema = (value: Schema | undefined): object => (value ? toJsonSchema(value) : {})
  return {
    plugins: Object.values(definition.plugins).map((p) => packageOverview(p.alias, p.definition, p.configuration, [])),
    integrations: Object.values(definition.integrations).map((i) => packageOverview(i.alias, i.definition, i.configuration, Object.keys(i.definition.secrets ?? {}))),
    states: Object.entries(definition.states).map(([name, s]) => ({ name, type: s.type, ...(s.expiry === undefined ? {} : { expiryMs: s.expiry }), schema: schema(s.schema) })),
    tables: Object.entries(definition.tables).map(([name, t]) => ({ name, schema: schema(t.schema) })),
    events: Object.entries(definition.events).map(([name, e]) => ({ name, schema: schema(e.schema) })),
    actions: Object.entries(definition.actions).map(([name, a]) => ({ name, input: schema(a.input.schema), output: schema(a.output.schema) })),
    workflows: Object.entries(definition.workflows).map(([name, w]) => ({ name, input: schema(w.input?.schema), output: schema(w.output?.schema) })),
  }
}

interface PackageDefinition {
  readonly name: string
  readonly version: string
  readonly adminPages?: unknown
}

function packageOverview(alias: string, definition: PackageDefinition, configuration: Readonly<Record<string, unknown>>, secrets: readonly string[]): PackageOverview {
  const pages = (definition as { adminPages?: unknown }).adminPages
  return { alias, name: definition.name, version: definition.version, configuration: masked(configuration, new Set(secrets)), adminPages: Array.isArray(pages) ? pages : [] }
}

/** A copy with every value under a secret-looking name replaced, at any depth. */
export function masked(value: Readonly<Record<string, unknown>>, secrets: ReadonlySet<string> = new Set()): Record<string, unknown> {
  // fromEntries defines own properties, so a `__proto__` key stays a plain field.
  return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, secrets.has(key) || SECRET_NAME.test(key) ? MASK : maskedValue(field)]))
}

function maskedValue(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(maskedValue)
  if (value !== null && typeof value === 'object') return masked(value as Record<string, unknown>)
  return value
}
