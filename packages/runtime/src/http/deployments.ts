import type { DeploymentSummary, Incompatibility } from '../index.js'

/** A bot's new version as uploaded: its bundled code and definition (ES module text, as `parley build` makes them). */
export interface DeploymentUpload {
  readonly bundle: string
  readonly definition: string
  /** Run it even when stored states or rows do not fit its schemas. */
  readonly force?: boolean
}

/** What a deployment or a rollback did: the version now served, and the one it replaced. */
export interface DeploymentOutcome {
  readonly deployment: DeploymentSummary
  readonly previous?: number
}

/**
 * What the HTTP layer needs of a server that takes deployments (`parley serve`): the routes under
 * `/v1/deployments` are served only when one is given.
 */
export interface DeploymentHost {
  deploy(botId: string, upload: DeploymentUpload): Promise<DeploymentOutcome>
  /** Serves an earlier version again: `version`, or the one before the active one. */
  rollback(botId: string, options: { readonly version?: number; readonly force?: boolean }): Promise<DeploymentOutcome>
  list(): Promise<DeploymentSummary[]>
}

export { DeploymentError, type DeploymentErrorCode } from './errors/deployment-error.js'
export type { DeploymentSummary, Incompatibility }
