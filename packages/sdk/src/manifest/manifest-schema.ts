import { z } from '../schema/zod.js'
import { MANIFEST_EVENT_NAMES, isManifestEvent } from './events.js'

/** Lowercase letters, digits and `_`, starting with a letter: the plugin's id is also its name and default alias. */
const ID = /^[a-z][a-z0-9_]*$/
const SEMVER = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/
/** A variable is read by name from handlers (`sdk.config.get('WEBHOOK_URL')`) and typed in generated code. */
const VARIABLE_NAME = /^(?!__)[A-Za-z_][A-Za-z0-9_]*$/

export const VARIABLE_TYPES = ['string', 'number', 'boolean', 'array'] as const

const text = (max: number) => z.string().min(1, 'must not be empty').max(max, `must be at most ${max} characters`)

const variable = z.object({
  name: z.string().regex(VARIABLE_NAME, 'use letters, digits and _, starting with a letter or one _ (such as WEBHOOK_URL)').max(100),
  type: z.enum(VARIABLE_TYPES, { errorMap: () => ({ message: `use one of ${VARIABLE_TYPES.map((t) => `"${t}"`).join(', ')}` }) }),
  description: z.string().max(1000).optional(),
})

const eventName = z.string().max(100).refine(isManifestEvent, (name) => ({
  message: `"${name}" is not an event Parley knows; use one of ${MANIFEST_EVENT_NAMES.join(', ')}`,
}))

export const manifestSchema = z.object({
  id: z.string().regex(ID, 'use lowercase letters, digits and _, starting with a letter (such as "message_logger")').max(64),
  name: text(200),
  version: z.string().regex(SEMVER, 'use a semantic version such as 1.0.0'),
  description: text(2000),
  events: z.array(eventName).max(MANIFEST_EVENT_NAMES.length * 2).refine(unique, 'lists an event twice; list each once'),
  variables: z.array(variable).max(200).refine((list) => unique(list.map((v) => v.name)), 'names a variable twice; give each its own name').optional(),
})

export type Manifest = z.infer<typeof manifestSchema>
export type ManifestVariable = z.infer<typeof variable>

function unique(values: readonly string[]): boolean {
  return new Set(values).size === values.length
}

/** `events[2]`, `variables[0].type`: where in plugin.json a problem is, as a person would look for it. */
export function fieldPath(path: readonly (string | number)[]): string {
  return path.map((part, index) => (typeof part === 'number' ? `[${part}]` : index === 0 ? part : `.${part}`)).join('')
}
