/**
 * Fixture files mark each misuse with `// @ts-expect-error <why> (names "<field>")` on the line before
 * it. With the directives in place the file must compile (every marked line has an error); with them
 * stripped, each marked line's error must name the field, so the message points at the mistake.
 */
export interface ExpectedError {
  /** The 1-based line the error must start on: the one after the directive. */
  readonly line: number
  readonly reason: string
  readonly field: string
}

const DIRECTIVE = /\/\/ @ts-expect-error\b(.*)$/
const ANNOTATION = /^\s*(.*?)\s*\(names "([^"]+)"\)\s*$/

export function expectedErrors(file: string, text: string): ExpectedError[] {
  return text.split('\n').flatMap((line, index) => {
    const directive = DIRECTIVE.exec(line)
    if (!directive) return []
    const annotation = ANNOTATION.exec(directive[1]!)
    if (!annotation) throw new Error(`${file}:${index + 1}: annotate the directive with the field its error names: (names "field")`)
    return [{ line: index + 2, reason: annotation[1]!, field: annotation[2]! }]
  })
}

/** The same text with the directives disarmed, line numbers unchanged. */
export function withoutDirectives(text: string): string {
  return text.replace(/@ts-expect-error\b/g, 'expected error:')
}
