import { ParleyError } from '@parley/sdk'

/** One field at fault: `path` is dotted from the request's root (`payload.text`, `tags.plan`, `rows.3.title`). */
export interface InputIssue {
  readonly path: string
  readonly message: string
}

/**
 * A call was given input no part of the runtime can take: text the database cannot store, nesting too
 * deep, a number out of range, a reserved or over-long name. Nothing was read or written.
 */
export class InputError extends ParleyError {
  override readonly code = 'INPUT_INVALID' as const

  constructor(
    readonly subject: string,
    readonly issues: readonly InputIssue[],
  ) {
    super('INPUT_INVALID', `${subject}: ${issues.map((issue) => (issue.path ? `${issue.path}: ${issue.message}` : issue.message)).join('; ')}`)
  }
}
