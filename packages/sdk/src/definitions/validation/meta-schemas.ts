import { z } from '../../schema/zod.js'
import { ALIAS, ENTITY_NAME } from '../../schema/names.js'
import { objectSchema, schemaSource, zodSchema } from './zod-guards.js'
import { isRange } from '../../versions/ranges.js'

/**
 * The shape of every definition, written as zod schemas so that a malformed definition is reported
 * with the exact path of the field at fault.
 */
const entityName = z.string().regex(ENTITY_NAME, 'use letters, digits and _, starting with a letter')
const named = <T extends z.ZodTypeAny>(entry: T) => z.record(entityName, entry).optional()
/** Dependencies are keyed by alias, which may hold dashes as package names do (`files-readonly`). */
const aliasName = z.string().regex(ALIAS, 'use letters, digits, _ and -, starting with a letter')
const byAlias = <T extends z.ZodTypeAny>(entry: T) => z.record(aliasName, entry).optional()
const described = { title: z.string().optional(), description: z.string().optional() }

const semver = z
  .string()
  .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'use a semantic version such as 1.0.0')

const tag = z.object(described).strict()
const tags = z.object({ tags: named(tag) }).strict().optional()
const io = z.object({ schema: schemaSource }).strict()

export const configuration = z.object({ ...described, schema: objectSchema }).strict().optional()

export const state = z
  .object({
    ...described,
    type: z.enum(['bot', 'user', 'conversation', 'workflow']),
    schema: objectSchema,
    expiry: z.number().int('use whole milliseconds').positive('use a positive number of milliseconds').optional(),
  })
  .strict()

export const event = z.object({ ...described, schema: schemaSource }).strict()

export const action = z
  .object({ ...described, input: io, output: io, billable: z.boolean().optional(), cacheable: z.boolean().optional() })
  .strict()

export const table = z
  .object({ ...described, schema: objectSchema, indexes: z.array(z.string()).optional() })
  .strict()

export const workflow = z
  .object({ ...described, input: z.object({ schema: objectSchema }).strict(), output: z.object({ schema: objectSchema }).strict(), tags: named(tag) })
  .strict()

export const recurringEvent = z
  .object({
    type: z.string().min(1),
    payload: z.record(z.unknown()),
    schedule: z.object({ cron: z.string().min(1), timezone: z.string().optional() }, { invalid_type_error: 'write the schedule as an object: { cron: "0 9 * * *" } or { cron: "5m", timezone: "Europe/Paris" }' }).strict(),
  })
  .strict()

export const channel = z
  .object({ ...described, messages: z.record(entityName, io), conversation: tags, message: tags })
  .strict()

export const entity = z.object({ ...described, schema: zodSchema }).strict()

export const secret = z.object({ description: z.string().optional(), optional: z.boolean().optional() }).strict()

const packageMeta = {
  name: z.string().regex(ALIAS, 'use letters, digits, _ and -, starting with a letter'),
  version: semver,
  title: z.string().optional(),
  description: z.string().optional(),
  icon: z.string().optional(),
  readme: z.string().optional(),
  /** Free-form labels a hub or dashboard reads (Botpress's `attributes`). */
  attributes: z.record(z.string()).optional(),
  /** Botpress's switches for its own schema converter; Parley has one converter, so they are accepted and change nothing. */
  __advanced: z.object({ useLegacyZuiTransformer: z.boolean().optional() }).strict().optional(),
}

const botLike = {
  configuration,
  states: named(state),
  events: named(event),
  actions: named(action),
  tables: named(table),
  workflows: named(workflow),
  recurringEvents: named(recurringEvent),
  user: tags,
  conversation: tags,
  message: tags,
}

const dependency = z.custom<unknown>((value) => typeof value === 'object' && value !== null, {
  message: 'expected a definition or a package',
}).superRefine((value, context) => {
  const version = (value as { version?: unknown; kind?: unknown }).kind === undefined ? (value as { version?: unknown }).version : undefined
  if (version !== undefined && (typeof version !== 'string' || !isRange(version))) {
    context.addIssue({ code: 'custom', path: ['version'], message: `${JSON.stringify(version)} is not a version or a range; use one such as 1.2.0, ^1.2.0 or >=1.0.0 <2.0.0 (version.allWithinMajorOf(pkg) writes one)` })
  }
})

export const interfaceProps = z
  .object({
    ...packageMeta,
    templateName: z.string().optional(),
    entities: named(entity),
    events: named(event),
    actions: named(action),
    channels: named(channel),
  })
  .strict()

export const integrationProps = z
  .object({
    ...packageMeta,
    configuration,
    states: named(state),
    events: named(event),
    actions: named(action),
    channels: named(channel),
    entities: named(entity),
    secrets: z.record(z.string().regex(/^[A-Z][A-Z0-9_]*$/, 'use UPPER_SNAKE_CASE'), secret).optional(),
    user: tags,
  })
  .strict()

/** A plugin's configuration may be a function of its interfaces' entities, as its actions' schemas may. */
const pluginConfiguration = z.object({ ...described, schema: schemaSource }).strict().optional()

/** A key of the key-value store, or a prefix ending in `*` covering every key it starts: `conversations:*`. */
const kvKey = z.string().regex(/^[^*\u0000]{1,512}$|^[^*\u0000]{0,511}\*$/, 'use a key, or a key prefix ending in * (at most 512 characters, no other *)')
const kvValue = z.object({ ...described, schema: objectSchema }).strict()

export const pluginProps = z
  .object({
    ...packageMeta, ...botLike, configuration: pluginConfiguration, interfaces: byAlias(dependency), integrations: byAlias(dependency),
    kv: z.record(kvKey, kvValue).optional(),
  })
  .strict()

export const botProps = z.object(botLike).strict()
