import { userCallSite, type SourceLocation } from './call-site.js'
import { ParleyError } from './parley-error.js'

/** Where in a definition a problem was found: `plugin "analytics"`, entity `states.metrics`, field `type`. */
export interface DefinitionErrorLocation {
  readonly definition: string
  readonly entity?: string
  readonly field?: string
}

/**
 * A definition was built from props that cannot work. The message names the definition, the entity and
 * the field at fault, and says what is allowed instead.
 */
export class DefinitionError extends ParleyError {
  readonly definition: string
  readonly entity: string | undefined
  readonly field: string | undefined
  /** The line of the user's code that built the definition, for tools to point at. */
  readonly source: SourceLocation | undefined

  constructor(location: DefinitionErrorLocation, problem: string) {
    super('DEFINITION_INVALID', `${describe(location)}: ${problem}`)
    this.definition = location.definition
    this.entity = location.entity
    this.field = location.field
    this.source = userCallSite()
  }
}

function describe({ definition, entity, field }: DefinitionErrorLocation): string {
  const at = [entity, field].filter(Boolean).join('.')
  return at ? `${definition}, ${at}` : definition
}
