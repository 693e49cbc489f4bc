/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/

/**
 * Why PostgreSQL cannot store this text, or `undefined` when it can. It refuses NUL in `text` and `jsonb`
 * alike, and a lone surrogate is not Unicode at all: sent as text it would silently turn into U+FFFD.
 */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'holds a NUL character (\\u0000), which cannot be stored; remove it'
  if (LONE_SURROGATE.test(text)) return 'holds a lone UTF-16 surrogate (such as \\ud800), which is not valid Unicode; send well-formed text'
  return undefined
}

/** Text fit for a message: control characters and lone surrogates written as `\uXXXX`. */
export function printable(text: string): string {
  return text.replace(/[\u0000-\u001f\u007f]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
}
