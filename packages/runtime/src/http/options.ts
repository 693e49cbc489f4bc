import { LIMITS } from '../guards/index.js'
import type { ApiInfo } from './openapi/document.js'
import type { TokenEntry } from './auth/tokens.js'
import type { RuntimeHost } from './host.js'
import type { DeploymentHost } from './deployments.js'

export interface HttpOptions {
  readonly host: RuntimeHost
  /** API tokens and their scopes; with none, only `/health`, the docs and the web chat answer. */
  readonly tokens?: readonly TokenEntry[]
  /**
   * Signs web chat user keys. Random when absent, so keys last as long as the process; set it (from
   * `PARLEY_WEBCHAT_SECRET`) for keys that survive restarts and work across several processes.
   */
  readonly webchatSecret?: string
  /**
   * How long a web chat user key is good for, in milliseconds; 30 days by default. A visitor who comes
   * back with a good key gets a fresh one, so only a key left unused that long runs out.
   */
  readonly webchatKeyTtlMs?: number
  /** Largest request body accepted, in bytes; 1 MiB by default. */
  readonly bodyLimit?: number
  /** How often an idle event stream sends a keep-alive comment, in milliseconds; 15 s by default. */
  readonly keepAliveMs?: number
  /** Takes new versions of bots under `/v1/deployments` (admin token only); without it, those routes do not exist. */
  readonly deployments?: DeploymentHost
  /** Largest upload of a deployment, in bytes; 64 MiB by default. */
  readonly deploymentBodyLimit?: number
  readonly info?: Partial<ApiInfo>
  /** Where failures the caller does not see (500s) are reported; `console.error` by default. */
  readonly onServerError?: (error: unknown) => void
  /** Where Parley Studio's built files are; the package's own `studio/` folder by default. */
  readonly studioDir?: string
}

export const DEFAULT_BODY_LIMIT = LIMITS.bodyBytes
export const DEFAULT_DEPLOYMENT_BODY_LIMIT = 64 * 1024 * 1024
export const DEFAULT_KEEP_ALIVE_MS = 15_000
export const DEFAULT_WEBCHAT_KEY_TTL_MS = 30 * 24 * 60 * 60 * 1000
export const DEFAULT_INFO: ApiInfo = { title: 'Parley runtime API', version: '1.0.0' }
