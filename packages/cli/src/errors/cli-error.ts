import { ParleyError } from '@parley/sdk'

/** Stable codes for everything `parley` reports as a failure of the user's project or command line. */
export type CliErrorCode =
  | 'DEFINITION_NOT_FOUND'
  | 'DEFINITION_AMBIGUOUS'
  | 'DEFINITION_FAILED'
  | 'DEFINITION_EXPORT_INVALID'
  | 'SCHEMA_NOT_OBJECT'
  | 'PROJECT_INVALID'
  | 'TEMPLATE_UNKNOWN'
  | 'DIRECTORY_NOT_EMPTY'
  | 'PACKAGE_NOT_FOUND'
  | 'ALIAS_INVALID'
  | 'ALIAS_UNKNOWN'
  | 'ALIAS_IN_USE'
  | 'GENERATED_STALE'
  | 'TYPE_ERRORS'
  | 'BUNDLE_FAILED'
  | 'CHECKOUT_INVALID'
  | 'CHECKOUT_NOT_BUILT'
  | 'INSTALL_FAILED'
  | 'USAGE'

/**
 * A failure the user can fix. The CLI prints only its message (never a stack trace), so the message
 * names the file or field at fault and says what to do.
 */
export class CliError extends ParleyError {
  constructor(
    override readonly code: CliErrorCode,
    message: string,
    /** The error behind this one (what a definition file threw), for tools that point at its source. */
    options: { readonly cause?: unknown } = {},
  ) {
    super(code, message)
    if ('cause' in options) this.cause = options.cause
  }
}
