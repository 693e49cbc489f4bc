/**
 * Reserved for the records and classes generated modules declare. `Configuration` is not: it is the
 * configuration's own payload type, which every resolver names first.
 */
export const RESERVED_NAMES = [
  'Types', 'KeyValues', 'Actions', 'CallableActions', 'Events', 'States', 'Tables', 'Workflows', 'Messages',
  'Interfaces', 'Integrations', 'Channels', 'Secrets', 'Entities', 'Client', 'Context', 'Bot', 'Plugin', 'Integration',
  'BotImplementation', 'PluginImplementation', 'IntegrationImplementation', 'Definition',
] as const

/** `['analytics:trackEvent', 'Input']` → `AnalyticsTrackEventInput`. */
export function pascalCase(parts: readonly string[]): string {
  return parts
    .flatMap((part) => part.split(/[^A-Za-z0-9]+/))
    .filter(Boolean)
    .map((word) => word[0]!.toUpperCase() + word.slice(1))
    .join('')
}

/**
 * Hands out type names that are unique within one module. Two entities whose names differ only in
 * punctuation (`a-b` and `aB`) get `AB` and `AB2`, in definition order, so output stays stable.
 */
export function createNamer(reserved: Iterable<string> = RESERVED_NAMES): (parts: readonly string[]) => string {
  const taken = new Set(reserved)
  return (parts) => {
    const base = pascalCase(parts)
    let name = base
    for (let n = 2; taken.has(name); n++) name = `${base}${n}`
    taken.add(name)
    return name
  }
}
