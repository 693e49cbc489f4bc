import type { SourceLocation } from '@parley/sdk'

/** What tools need of an error about a definition: the SDK's `DefinitionError` and `CompositionError` carry it. */
export interface LocatedError {
  readonly source: SourceLocation
  /** `states.metrics`: the entity at fault, when there is one. */
  readonly entity?: string
  /** `type`, `schedule.cron`: the field at fault within it. */
  readonly field?: string
}

/** Told apart by shape, not class: the project may load its own copy of the SDK. */
export function locatedError(error: unknown): LocatedError | undefined {
  for (let current = error, depth = 0; current && depth < 5; current = (current as { cause?: unknown }).cause, depth++) {
    const source = (current as { source?: Partial<SourceLocation> }).source
    if (typeof source?.file === 'string' && typeof source.line === 'number' && typeof source.column === 'number') return current as LocatedError
  }
  return undefined
}

