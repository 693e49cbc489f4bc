import { ParleyError } from '../errors/parley-error.js'

export type ManifestErrorCode = 'MANIFEST_NOT_FOUND' | 'MANIFEST_INVALID' | 'MANIFEST_HANDLER_MISSING' | 'MANIFEST_PYTHON_MISSING'

/**
 * A plugin folder (`plugin.json` + a handler file) that cannot be loaded. The message names the folder,
 * the field or function at fault, and what to write instead.
 */
export class ManifestError extends ParleyError {
  constructor(code: ManifestErrorCode, message: string) {
    super(code, message)
  }
}
