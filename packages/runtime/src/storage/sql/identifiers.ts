/** `my "table"` → `"my ""table"""`: any name becomes one identifier, never SQL. */
export function quoteIdentifier(name: string): string {
  return `"${name.replaceAll('"', '""')}"`
}
