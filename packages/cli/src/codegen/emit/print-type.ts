import type { Field, TypeExpr } from '../resolve/model.js'

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/

/** `trackEvent` stays bare; `analytics:trackEvent` is quoted. */
export function propertyKey(key: string): string {
  return IDENTIFIER.test(key) ? key : `'${key.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`
}

/**
 * A type expression as TypeScript source, indented for `depth` levels of nesting; objects of a few
 * plain fields stay on one line.
 */
export function printType(type: TypeExpr, depth = 0): string {
  switch (type.kind) {
    case 'named': return type.name
    case 'text': return type.text
    case 'union': return type.members.map((m) => printType(m, depth)).join(' | ')
    case 'object': return printObject(type.fields, depth)
  }
}

export function printObject(fields: readonly Field[], depth = 0): string {
  if (fields.length === 0) return '{}'
  if (isInline(fields)) return `{ ${fields.map((f) => printField(f, depth)).join('; ')} }`
  const indent = '  '.repeat(depth + 1)
  const lines = fields.map((f) => docComment(f.doc, indent) + indent + printField(f, depth + 1))
  return `{\n${lines.join('\n')}\n${'  '.repeat(depth)}}`
}

function isInline(fields: readonly Field[]): boolean {
  return fields.length <= 2 && fields.every((f) => !f.doc && f.type.kind !== 'object')
}

function printField(field: Field, depth: number): string {
  if (field.pattern) return `[key: \`${field.key.replace(/[\\`$]/g, (char) => `\\${char}`)}\${string}\`]: ${printType(field.type, depth)}`
  return `${propertyKey(field.key)}${field.optional ? '?' : ''}: ${printType(field.type, depth)}`
}

/** A JSDoc line; `*\/` inside the text would end the comment early. */
export function docComment(doc: string | undefined, indent: string): string {
  return doc ? `${indent}/** ${doc.replace(/\*\//g, '*\\/').replace(/\s*\n\s*/g, ' ')} */\n` : ''
}
