import { PluginDefinition } from '../definitions/plugin-definition.js'
import { z, type Schema } from '../schema/zod.js'
import type { Manifest, ManifestVariable } from './manifest-schema.js'

/** A conversation state the plugin keeps to tell a conversation's first message (`session_created`). */
export const SESSION_STATE = 'session'

const scalar = z.union([z.string(), z.number(), z.boolean()])

const VARIABLE_SCHEMAS: Record<ManifestVariable['type'], () => Schema> = {
  string: () => z.string(),
  number: () => z.number(),
  boolean: () => z.boolean(),
  array: () => z.array(scalar),
}

/**
 * The Parley definition of a folder plugin: its id is the plugin's name, its variables the optional
 * fields of its configuration (set per bot like any plugin's), and `session_created` a state of its own.
 */
export function manifestDefinition(manifest: Manifest): PluginDefinition {
  return new PluginDefinition({
    name: manifest.id,
    version: manifest.version,
    title: manifest.name,
    description: manifest.description,
    configuration: { schema: configurationSchema(manifest.variables ?? []) },
    states: manifest.events.includes('session_created') ? sessionStates() : {},
  })
}

function configurationSchema(variables: readonly ManifestVariable[]) {
  return z.object(Object.fromEntries(variables.map((variable) => [variable.name, variableSchema(variable)])))
}

function variableSchema(variable: ManifestVariable): Schema {
  const schema = VARIABLE_SCHEMAS[variable.type]().optional()
  return variable.description ? schema.describe(variable.description) : schema
}

function sessionStates() {
  return { [SESSION_STATE]: { type: 'conversation' as const, schema: z.object({ startedAt: z.string() }) } }
}
