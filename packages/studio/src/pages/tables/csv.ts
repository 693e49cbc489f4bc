import type { Row } from '../../api/types.js'

/** Rows as CSV (RFC 4180): every field quoted when it holds a comma, quote or line break. */
export function toCsv(columns: readonly string[], rows: readonly Row[]): string {
  const lines = [columns.map(cell), ...rows.map((row) => columns.map((c) => cell(row[c])))]
  return lines.map((line) => line.join(',')).join('\r\n') + '\r\n'
}

function cell(value: unknown): string {
  const text = value === undefined || value === null ? '' : typeof value === 'object' ? JSON.stringify(value) : String(value)
  // A leading = + - @ makes spreadsheets run the cell as a formula; a quote mark keeps it text.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe
}

export function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }))
  const link = Object.assign(document.createElement('a'), { href: url, download: name })
  link.click()
  URL.revokeObjectURL(url)
}
