import { pascalCase } from './type-names.js'
import { text, type TypeExpr } from './model.js'

/**
 * One type in the lowercase namespaces of a generated module, as Botpress's `.botpress` lays them out:
 * `states.hitl.Hitl`, `actions.startHitl.input.Input`, `interfaces.llm.actions.generateContent.output.Output`.
 * Every such type is an alias of one in `types.ts`, written `$types.…`.
 */
export interface NamespaceEntry {
  /** Namespace names, then the type's name. */
  readonly path: readonly string[]
  readonly type: TypeExpr
}

/** `$types.States['hitl']`: a member of a record in `types.ts`, as the namespaces module refers to it. */
export function member(record: string, ...keys: readonly string[]): TypeExpr {
  return text(`$types.${record}${keys.map((key) => `[${JSON.stringify(key).replace(/"/g, "'")}]`).join('')}`)
}

export const ref = (typeName: string): TypeExpr => text(`$types.${typeName}`)

/** A namespace name for an alias or entity name: `files-readonly` → `filesReadonly`. */
export function namespaceName(name: string): string {
  const words = name.split(/[^A-Za-z0-9_$]+/).filter(Boolean)
  const joined = words.map((w, i) => (i === 0 ? w : w[0]!.toUpperCase() + w.slice(1))).join('')
  return /^[0-9]/.test(joined) ? `_${joined}` : joined
}

/** `hitl` → `Hitl`, as each entity's own type is named inside its namespace. */
export const typeName = (name: string): string => pascalCase([name]) || 'Type'

/** The namespace entries of a record's entries: `states.<name>.<Name>` and `states.States`. */
export function recordEntries(group: string, record: string, names: readonly string[], extra: (name: string) => NamespaceEntry[] = () => []): NamespaceEntry[] {
  const own = names.filter((name) => !name.includes(':'))
  return [
    ...own.flatMap((name) => [{ path: [group, namespaceName(name), typeName(name)], type: member(record, name) }, ...extra(name)]),
    { path: [group, typeName(group)], type: ref(record) },
  ]
}

/**
 * `states.<name>.<Name>` is the state's payload (Botpress code types a state's value with it, `const
 * initial: bp.states.hitl.Hitl = { hitlActive: false }`), also written `states.<name>.payload.Payload`.
 */
export function stateEntries(names: readonly string[]): NamespaceEntry[] {
  const payload = (name: string) => member('States', name, 'payload')
  return [
    ...names.filter((name) => !name.includes(':')).flatMap((name) => [
      { path: ['states', namespaceName(name), typeName(name)], type: payload(name) },
      { path: ['states', namespaceName(name), 'payload', 'Payload'], type: payload(name) },
    ]),
    { path: ['states', 'States'], type: ref('States') },
  ]
}

/** `actions.<name>.input.Input` and `actions.<name>.output.Output` beside `actions.<name>.<Name>`. */
export function ioEntries(group: string, record: string, name: string, keys: readonly string[] = []): NamespaceEntry[] {
  return ['input', 'output'].map((io) => ({ path: [group, ...keys.map(namespaceName), namespaceName(name), io, typeName(io)], type: member(record, ...keys, name, io) }))
}

/** `channels.<channel>.messages.<type>.<Type>` and `channels.<channel>.Messages`, from a record of channel → type → payload. */
export function channelEntries(prefix: readonly string[], record: string, keys: readonly string[], channels: Readonly<Record<string, readonly string[]>>): NamespaceEntry[] {
  return Object.entries(channels).flatMap(([channel, types]) => [
    ...types.map((type) => ({ path: [...prefix, namespaceName(channel), 'messages', namespaceName(type), typeName(type)], type: member(record, ...keys, channel, type) })),
    { path: [...prefix, namespaceName(channel), 'Messages'], type: member(record, ...keys, channel) },
  ])
}

/** An action record's entries: `<group>.<name>.input.Input`, `.output.Output`, `.<Name>`, and `<group>.Actions`. */
export function actionEntries(group: readonly string[], record: string, keys: readonly string[], names: readonly string[]): NamespaceEntry[] {
  return [
    ...names.filter((name) => !name.includes(':')).flatMap((name) => [
      ...['input', 'output'].map((io) => ({ path: [...group, namespaceName(name), io, typeName(io)], type: member(record, ...keys, name, io) })),
      { path: [...group, namespaceName(name), typeName(name)], type: member(record, ...keys, name) },
    ]),
    { path: [...group, 'Actions'], type: keys.length ? member(record, ...keys) : ref(record) },
  ]
}
