export { ParleyError } from './parley-error.js'
export { DefinitionError, type DefinitionErrorLocation } from './definition-error.js'
export { CompositionError, type CompositionErrorCode } from './composition-error.js'
export { RuntimeError, isApiError, type RuntimeErrorOptions } from './runtime-error.js'
