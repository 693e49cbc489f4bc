import { useState } from 'preact/hooks'
import type { Issue } from '../api/http.js'
import type { Json, JsonSchema } from '../api/types.js'
import { json } from './format.js'

/**
 * A form for an object by its JSON Schema: one field per top-level property, labelled by its zui title (or
 * `title`, or its name), with its placeholder and description; what the form cannot show as one input is
 * edited as JSON. Values are sent as typed; the runtime checks them against the schema, and the issues it
 * names are shown beside their fields. Inputs are uncontrolled (what is typed stays through a re-render);
 * give the form a new `key` to start again from `value`.
 */
export function SchemaForm({ schema, value, issues, onSubmit, submitLabel }: { schema: JsonSchema; value: Json; issues: readonly Issue[]; onSubmit: (value: Json) => void; submitLabel: string }) {
  const [local, setLocal] = useState<Issue[]>([])
  const fields = Object.entries(schema.properties ?? {}).filter(([, s]) => !s['x-zui']?.hidden)
  const submit = (event: Event) => {
    event.preventDefault()
    const data = new FormData(event.currentTarget as HTMLFormElement)
    const read = readFields(fields, data, value)
    setLocal(read.issues)
    if (read.issues.length === 0) onSubmit(read.value)
  }
  const all = [...local, ...issues]
  if (!schema.properties) return <JsonForm value={value} issues={all} onSubmit={onSubmit} submitLabel={submitLabel} />
  return (
    <form class="schema-form" onSubmit={submit} noValidate>
      {fields.map(([name, field]) => <Field key={name} name={name} schema={field} value={value[name]} required={schema.required?.includes(name) ?? false} issue={issueFor(all, name)} />)}
      {all.filter((i) => !fields.some(([name]) => pathNames(i.path).includes(name))).map((i, n) => <p key={n} class="field-error" role="alert">{i.path ? `${i.path}: ` : ''}{i.message}</p>)}
      <button type="submit">{submitLabel}</button>
    </form>
  )
}

function Field({ name, schema, value, required, issue }: { name: string; schema: JsonSchema; value: unknown; required: boolean; issue?: Issue }) {
  const id = `field-${name}`
  const label = schema['x-zui']?.title ?? schema.title ?? name
  const kind = kindOf(schema)
  const common = { id, name, disabled: schema['x-zui']?.disabled, 'aria-invalid': issue ? true : undefined, 'aria-describedby': issue ? `${id}-error` : undefined, required }
  return (
    <div class="field">
      <label for={id}>{label}{required && <span aria-hidden="true"> *</span>}</label>
      {kind === 'boolean' ? <input type="checkbox" {...common} defaultChecked={value === true} />
        : kind === 'enum' ? <select {...common}>{(schema.enum ?? []).map((o) => <option key={String(o)} value={String(o)} selected={o === value}>{String(o)}</option>)}</select>
        : kind === 'json' ? <textarea {...common} rows={4} defaultValue={value === undefined ? '' : json(value)} />
        : <input {...common} inputMode={kind === 'number' ? 'decimal' : undefined} placeholder={schema['x-zui']?.placeholder} defaultValue={value === undefined ? '' : String(value)} />}
      {schema.description && <p class="hint">{schema.description}</p>}
      {issue && <p id={`${id}-error`} class="field-error" role="alert">{issue.message}</p>}
    </div>
  )
}

type Kind = 'boolean' | 'enum' | 'number' | 'string' | 'json'

function kindOf(schema: JsonSchema): Kind {
  if (schema.enum) return 'enum'
  const type = Array.isArray(schema.type) ? schema.type.find((t) => t !== 'null') : schema.type
  if (type === 'boolean') return 'boolean'
  if (type === 'number' || type === 'integer') return 'number'
  return type === 'string' ? 'string' : 'json'
}

/** The form's values as the schema's types; a number field holding text is sent as text for the runtime to refuse. */
function readFields(fields: [string, JsonSchema][], data: FormData, old: Json): { value: Json; issues: Issue[] } {
  const value: Json = { ...old }
  const issues: Issue[] = []
  for (const [name, schema] of fields) {
    const raw = data.get(name)
    const kind = kindOf(schema)
    if (kind === 'boolean') { value[name] = raw === 'on'; continue }
    const text = String(raw ?? '')
    if (text === '') { delete value[name]; continue }
    if (kind === 'number') value[name] = Number.isFinite(Number(text)) ? Number(text) : text
    else if (kind === 'json') {
      try { value[name] = JSON.parse(text) } catch { issues.push({ path: name, message: 'This is not valid JSON.' }) }
    } else value[name] = text
  }
  return { value, issues }
}

function pathNames(path: string): string[] {
  return path.split(/[.[\]/]/).filter(Boolean)
}

/** The issue for a field: its path names the field (`payload.entryId`, `body.payload.entryId`, `entryId`). */
function issueFor(issues: readonly Issue[], name: string): Issue | undefined {
  return issues.find((i) => pathNames(i.path).includes(name))
}

/** A schema without properties to make fields of: the whole value as JSON. */
function JsonForm({ value, issues, onSubmit, submitLabel }: { value: Json; issues: readonly Issue[]; onSubmit: (value: Json) => void; submitLabel: string }) {
  const [error, setError] = useState<string>()
  const submit = (event: Event) => {
    event.preventDefault()
    try {
      const parsed = JSON.parse(String(new FormData(event.currentTarget as HTMLFormElement).get('json') ?? '')) as unknown
      if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('not an object')
      setError(undefined)
      onSubmit(parsed as Json)
    } catch {
      setError('Write a JSON object: {"field": "value"}.')
    }
  }
  const messages = [...(error ? [error] : []), ...issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message))]
  return (
    <form class="schema-form" onSubmit={submit} noValidate>
      <div class="field">
        <label for="field-json">Payload (JSON)</label>
        <textarea id="field-json" name="json" rows={8} spellcheck={false} defaultValue={json(value)} aria-invalid={messages.length > 0 || undefined} />
        {messages.map((m, n) => <p key={n} class="field-error" role="alert">{m}</p>)}
      </div>
      <button type="submit">{submitLabel}</button>
    </form>
  )
}
