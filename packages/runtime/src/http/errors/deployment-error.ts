import { ParleyError } from '@parley/sdk'
import type { Incompatibility } from '../../index.js'

export type DeploymentErrorCode = 'DEPLOYMENT_INVALID' | 'DEPLOYMENT_INCOMPATIBLE' | 'DEPLOYMENT_NOT_FOUND' | 'DEPLOYMENT_FAILED'

/**
 * A version that cannot be served: its code does not load (`DEPLOYMENT_INVALID`), its bot fails to start
 * (`DEPLOYMENT_FAILED`), stored data does not fit it (`DEPLOYMENT_INCOMPATIBLE`, naming each state and
 * table with the records at fault), or the version asked for is not kept (`DEPLOYMENT_NOT_FOUND`).
 */
export class DeploymentError extends ParleyError {
  readonly issues: readonly { readonly path: string; readonly message: string }[]

  constructor(
    override readonly code: DeploymentErrorCode,
    message: string,
    readonly incompatibilities: readonly Incompatibility[] = [],
  ) {
    super(code, message)
    this.issues = incompatibilities.map(describe)
  }
}

function describe(entry: Incompatibility): { path: string; message: string } {
  const listed = entry.rows.map((row) => `${row.id} (${row.issue})`).join(', ')
  const more = entry.count > entry.rows.length ? `, and ${entry.count - entry.rows.length} more` : ''
  return { path: `${entry.kind === 'state' ? 'states' : 'tables'}.${entry.name}`, message: `${entry.count} stored ${entry.kind === 'state' ? 'state(s)' : 'row(s)'} fail the new schema: ${listed}${more}` }
}
