import { z, type ZodTypeDef } from 'zod'
import { toTypescriptType } from './typescript-type.js'

/**
 * Form metadata a dashboard renders a schema with, as Botpress's zui carries it: kept in the schema's
 * `_def` (so zod's own copies, such as `.describe()` and `.optional()`, keep it) and emitted in its JSON
 * Schema as `title` and `x-zui`.
 */
export interface ZuiMetadata {
  readonly title?: string
  readonly placeholder?: string
  /** Which widget renders the field: `{ id: 'slider', params: { stepSize: 0.01 } }`. */
  readonly displayAs?: { readonly id: string; readonly params?: Readonly<Record<string, unknown>> }
  readonly hidden?: boolean
  readonly disabled?: boolean
  readonly tooltip?: boolean
}

const ZUI = 'parleyZui'

declare module 'zod' {
  // Declared on `ZodSchema` (zod's alias of `ZodType`) with `this` parameters rather than `this` types,
  // as @anatine/zod-openapi declares its own method: the two augmentations must agree to merge.
  interface ZodSchema<Output = any, Def extends ZodTypeDef = ZodTypeDef, Input = Output> {
    /** The field's label in a form. */
    title<T extends ZodSchema<Output, Def, Input>>(this: T, title: string): T
    /** The hint a form shows in an empty field. */
    placeholder<T extends ZodSchema<Output, Def, Input>>(this: T, placeholder: string): T
    /** Which widget a form renders the field with. */
    displayAs<T extends ZodSchema<Output, Def, Input>>(this: T, widget: { id: string; params?: Record<string, unknown> }): T
    /** Keeps the field out of forms (it is still validated). */
    hidden<T extends ZodSchema<Output, Def, Input>>(this: T, hidden?: boolean): T
    /** Shows the field in forms without letting it be edited. */
    disabled<T extends ZodSchema<Output, Def, Input>>(this: T, disabled?: boolean): T
    /** The form metadata set on this schema. */
    getZuiMetadata(): ZuiMetadata
    /** The TypeScript type of the values this schema accepts, as text (for prompts and docs). */
    toTypescriptType(): string
    /** The same as {@link toTypescriptType}, under the name Botpress code calls. */
    toTypescript(): string
    /** The JSON Schema (OpenAPI 3.1 flavour) of this schema, with `title` and `x-zui` metadata. */
    toJSONSchema(): Record<string, unknown>
  }
}

type AnySchema = z.ZodTypeAny & { _def: z.ZodTypeDef & { [ZUI]?: ZuiMetadata } }

function withMetadata<T extends z.ZodTypeAny>(schema: T, metadata: ZuiMetadata): T {
  const This = schema.constructor as new (def: unknown) => T
  const def = schema._def as AnySchema['_def']
  return new This({ ...def, [ZUI]: { ...def[ZUI], ...metadata } })
}

function metadataOf(schema: z.ZodTypeAny): ZuiMetadata {
  return (schema._def as AnySchema['_def'])[ZUI] ?? {}
}

/** What @anatine/zod-openapi merges into a schema's JSON Schema: the zui metadata, as JSON Schema keys. */
function openApiOf(schema: z.ZodTypeAny): Record<string, unknown> | undefined {
  const { title, ...zui } = metadataOf(schema)
  const fields = { ...(title === undefined ? {} : { title }), ...(Object.keys(zui).length > 0 ? { 'x-zui': zui } : {}) }
  return Object.keys(fields).length > 0 ? fields : undefined
}

let installed = false

/**
 * Adds the zui methods to zod's schemas, once per copy of zod. @anatine/zod-openapi reads a schema's
 * `metaOpenApi`; here it is derived from the metadata in `_def`, and a value assigned to it (as
 * `extendApi` does) is kept there too, so neither way of setting metadata loses the other.
 */
export function installZui(zod: typeof z = z): void {
  if (installed && zod === z) return
  if (zod === z) installed = true
  const proto = zod.ZodType.prototype as unknown as Record<string, unknown>
  const methods: Record<string, (this: z.ZodTypeAny, ...args: never[]) => unknown> = {
    title(title: string) { return withMetadata(this, { title }) },
    placeholder(placeholder: string) { return withMetadata(this, { placeholder }) },
    displayAs(displayAs: ZuiMetadata['displayAs']) { return withMetadata(this, { displayAs }) },
    hidden(hidden = true) { return withMetadata(this, { hidden }) },
    disabled(disabled = true) { return withMetadata(this, { disabled }) },
    getZuiMetadata() { return metadataOf(this) },
    toTypescriptType() { return toTypescriptType(this) },
    toTypescript() { return toTypescriptType(this) },
  }
  for (const [name, method] of Object.entries(methods)) Object.defineProperty(proto, name, { value: method, configurable: true, writable: true })
  Object.defineProperty(proto, 'metaOpenApi', {
    configurable: true,
    get(this: z.ZodTypeAny & { _parleyOpenApi?: unknown }) {
      const assigned = this._parleyOpenApi
      const derived = openApiOf(this)
      return assigned === undefined ? derived : { ...derived, ...(assigned as object) }
    },
    set(this: { _parleyOpenApi?: unknown }, value: unknown) {
      Object.defineProperty(this, '_parleyOpenApi', { value, configurable: true, writable: true, enumerable: false })
    },
  })
}
