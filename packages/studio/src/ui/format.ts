export function time(iso: string | undefined): string {
  if (!iso) return ''
  const date = new Date(iso)
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleString()
}

export function ms(value: number): string {
  return value < 10 ? `${value.toFixed(2)} ms` : `${Math.round(value)} ms`
}

export function json(value: unknown): string {
  return JSON.stringify(value, null, 2) ?? ''
}

/** A message's text, or its type when it has none. */
export function messageText(payload: Record<string, unknown>, type: string): string {
  return typeof payload['text'] === 'string' ? payload['text'] : `[${type}] ${JSON.stringify(payload)}`
}
