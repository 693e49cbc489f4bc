import { json } from './format.js'

export function JsonView({ value, label }: { value: unknown; label?: string }) {
  return <pre class="json" aria-label={label} tabIndex={0}>{json(value)}</pre>
}
