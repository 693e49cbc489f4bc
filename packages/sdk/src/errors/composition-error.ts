import { userCallSite, type SourceLocation } from './call-site.js'
import { ParleyError } from './parley-error.js'

/** Stable codes for everything that can go wrong while a bot adds plugins and integrations. */
export type CompositionErrorCode =
  | 'PACKAGE_INVALID'
  | 'ALIAS_INVALID'
  | 'ALIAS_TAKEN'
  | 'ENTITY_CLASH'
  | 'CONFIGURATION_INVALID'
  | 'DEPENDENCY_MISSING'
  | 'DEPENDENCY_UNKNOWN_ALIAS'
  | 'DEPENDENCY_WRONG_INTERFACE'
  | 'DEPENDENCY_WRONG_INTEGRATION'
  | 'DEPENDENCY_VERSION_MISMATCH'

/** Adding a plugin or integration to a bot failed; the bot is left exactly as it was before the call. */
export class CompositionError extends ParleyError {
  /** The line of the user's code that added the package, for tools to point at. */
  readonly source: SourceLocation | undefined = userCallSite()

  constructor(
    override readonly code: CompositionErrorCode,
    message: string,
  ) {
    super(code, message)
  }
}
