/** A URL path whose interpolated parts are encoded: ``path`users/${id}` `` with any id. */
export function path(strings: TemplateStringsArray, ...parts: readonly (string | number)[]): string {
  return strings.reduce((text, literal, index) => text + literal + (index < parts.length ? encodeURIComponent(String(parts[index])) : ''), '')
}
