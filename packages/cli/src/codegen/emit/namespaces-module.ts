import type { NamespaceEntry } from '../resolve/namespaces.js'
import type { TypeExpr } from '../resolve/model.js'
import { propertyKey } from './print-type.js'

/** A namespace: its own types, and the namespaces in it. */
interface Node {
  readonly types: Map<string, TypeExpr>
  readonly children: Map<string, Node>
}

/** A module of namespaces: its path under the generated directory, and its text. */
export interface NamespaceFile {
  readonly path: string
  readonly content: string
}

/**
 * Words a namespace cannot be declared as. An entity may still be named so (`deletable`'s action
 * `delete`): its namespace is then declared under another name in a module of its own and exported as
 * the word (`export type { $delete as delete }`), which a module can do and a namespace cannot.
 */
const RESERVED = new Set([
  'break', 'case', 'catch', 'class', 'const', 'continue', 'debugger', 'default', 'delete', 'do', 'else', 'enum', 'export', 'extends',
  'false', 'finally', 'for', 'function', 'if', 'import', 'in', 'instanceof', 'new', 'null', 'return', 'super', 'switch', 'this', 'throw',
  'true', 'try', 'typeof', 'var', 'void', 'while', 'with', 'implements', 'interface', 'let', 'package', 'private', 'protected', 'public',
  'static', 'yield', 'await', 'any', 'boolean', 'never', 'number', 'object', 'string', 'symbol', 'undefined', 'unknown', 'bigint',
])

function tree(entries: readonly NamespaceEntry[]): Node {
  const root: Node = { types: new Map(), children: new Map() }
  for (const { path, type } of entries) {
    let node = root
    for (const name of path.slice(0, -1)) {
      if (!node.children.has(name)) node.children.set(name, { types: new Map(), children: new Map() })
      node = node.children.get(name)!
    }
    if (!node.types.has(path.at(-1)!)) node.types.set(path.at(-1)!, type)
  }
  return root
}

/** Whether a namespace, or one inside it, has a name only a module can export. */
const needsModule = (node: Node): boolean => [...node.children].some(([name, child]) => RESERVED.has(name) || needsModule(child))

/** A type as the namespaces module writes it: every generated name is `types.ts`'s, through `$types`. */
function print(type: TypeExpr): string {
  switch (type.kind) {
    case 'named': return `$types.${type.name}`
    case 'text': return type.text
    case 'union': return type.members.map(print).join(' | ')
    case 'object': return `{ ${type.fields.map((f) => `${propertyKey(f.key)}${f.optional ? '?' : ''}: ${print(f.type)}`).join('; ')} }`
  }
}

function inline(name: string, node: Node, depth: number, exported = true): string[] {
  const indent = '  '.repeat(depth)
  const body = [
    ...[...node.types].map(([typeName, type]) => `${indent}  export type ${typeName} = ${print(type)}`),
    ...[...node.children].flatMap(([child, childNode]) => inline(child, childNode, depth + 1)),
  ]
  return [`${indent}${exported ? 'export ' : ''}namespace ${name} {`, ...body, `${indent}}`]
}

/**
 * `namespaces.ts` and, where an entity's name is a reserved word, modules under `namespaces/`: Botpress's
 * lowercase namespaces (`bp.states.hitl.Hitl`), each type an alias of one in `types.ts`.
 */
export function namespacesModules(entries: readonly NamespaceEntry[], header: string, outDir: string): NamespaceFile[] {
  const files: NamespaceFile[] = []
  const emit = (node: Node, relative: string[]): void => {
    const depth = relative.length
    const up = depth === 0 ? './' : '../'.repeat(depth)
    const lines: string[] = [`import type * as $types from '${up}types'`, '']
    for (const [name, type] of node.types) lines.push(`export type ${name} = ${print(type)}`)
    for (const [name, child] of node.children) {
      if (needsModule(child)) {
        emit(child, [...relative, name])
        lines.push(`export * as ${name} from './${[...(depth === 0 ? ['namespaces'] : [relative.at(-1)!]), name].join('/')}'`)
      } else if (RESERVED.has(name)) {
        lines.push(...inline(`$${name}`, child, 0, false), `export type { $${name} as ${name} }`)
      } else {
        lines.push(...inline(name, child, 0))
      }
    }
    const path = depth === 0 ? `${outDir}/namespaces.ts` : `${outDir}/namespaces/${relative.join('/')}.ts`
    files.push({ path, content: `${header}\n\n${lines.join('\n')}\n` })
  }
  emit(tree(entries), [])
  return files
}

