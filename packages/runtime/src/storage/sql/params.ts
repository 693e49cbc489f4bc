/**
 * Collects query parameters while SQL text is built, handing back their placeholders. Values are only
 * ever sent as parameters, never spliced into the text.
 */
export interface SqlParams {
  readonly values: unknown[]
  /** `$n`, or `$n::cast` when given a cast, for `value`. */
  add(value: unknown, cast?: string): string
  /**
   * A placeholder for `value` as `jsonb`, sent as JSON text so both drivers read it the same way.
   * `null` and `undefined` become SQL `NULL`, not the JSON `null`.
   */
  json(value: unknown): string
}

export function sqlParams(): SqlParams {
  const values: unknown[] = []
  const add = (value: unknown, cast?: string): string => {
    values.push(value)
    return cast ? `$${values.length}::${cast}` : `$${values.length}`
  }
  return { values, add, json: (value) => add(value === undefined || value === null ? null : JSON.stringify(value), 'text::jsonb') }
}
