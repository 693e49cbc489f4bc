import { z } from 'zod'
import { ParleyError } from '../errors/parley-error.js'

/** What can set off a delivery to an external app, as its manifest names it. */
export const APP_TRIGGERS = ['memory_creation', 'transcript_processed'] as const
export type AppTrigger = (typeof APP_TRIGGERS)[number]

const text = (max: number) => z.string().max(max)

/** An external app as its author describes it: the fields of the JSON an app is submitted with. */
export const appManifestSchema = z.object({
  id: z.string().min(1).max(100).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'letters, digits, ".", "_" and "-", starting with a letter or digit'),
  name: text(200).min(1),
  author: text(200).optional(),
  description: text(2000).optional(),
  image: text(2000).optional(),
  prompt: text(10_000).optional(),
  memories: z.boolean().optional(),
  chat: z.boolean().optional(),
  capabilities: z.array(text(100)).max(20).refine((list) => list.includes('external_integration'), 'must include "external_integration"'),
  external_integration: z.object({
    triggers_on: text(100).refine((value): value is AppTrigger => (APP_TRIGGERS as readonly string[]).includes(value), {
      message: `is not a known trigger; use one of ${APP_TRIGGERS.map((name) => `"${name}"`).join(', ')}`,
    }),
    webhook_url: z.string().max(2000).url().refine((value) => /^https?:\/\//i.test(value), 'must be an http or https URL'),
    setup_instructions_file_path: text(2000).optional(),
  }),
})

export type AppManifest = Omit<z.infer<typeof appManifestSchema>, 'external_integration'> & {
  readonly external_integration: { readonly triggers_on: AppTrigger; readonly webhook_url: string; readonly setup_instructions_file_path?: string }
}

/** A manifest that is not valid; the message names every failing field. */
export class AppManifestError extends ParleyError {
  constructor(message: string) {
    super('APP_MANIFEST_INVALID', message)
  }
}

/**
 * Checks an app's manifest, naming each failing field (`external_integration.triggers_on: is not a known
 * trigger; use one of …`). Fields the manifest format has and Parley does not use are kept.
 */
export function parseAppManifest(value: unknown): AppManifest {
  const parsed = appManifestSchema.passthrough().safeParse(value)
  if (parsed.success) return parsed.data as AppManifest
  const issues = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(manifest)'}: ${issue.message}`)
  throw new AppManifestError(`app manifest is not valid: ${issues.join('; ')}`)
}
