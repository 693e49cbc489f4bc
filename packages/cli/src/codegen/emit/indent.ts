/**
 * Indents a declaration that json-schema-to-typescript wrote without formatting: it puts one member
 * per line, opens a block at the end of a line and closes it at the start of one, so a line's depth
 * follows from the lines before it. (Formatting with a TypeScript formatter costs more than all the
 * rest of generation on a large bot.) Comment lines never change the depth.
 */
export function indentDeclaration(code: string): string {
  let depth = 0
  return code.split('\n').map((raw) => {
    const line = raw.trim()
    if (line === '') return ''
    const comment = /^(\/\*|\*|\/\/)/.test(line)
    if (!comment && /^[}\])]/.test(line)) depth = Math.max(0, depth - 1)
    const indented = '  '.repeat(depth) + (line.startsWith('*') ? ` ${line}` : line)
    if (!comment && /[{[(]$/.test(line)) depth++
    return indented
  }).join('\n')
}
