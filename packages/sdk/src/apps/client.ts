import type { AppManifest, AppTrigger } from './manifest.js'

/** An external app installed in a bot, as listed (its secrets are shown only when made). */
export interface InstalledApp {
  readonly id: string
  readonly name: string
  readonly trigger: AppTrigger
  readonly webhookUrl: string
  readonly manifest: AppManifest
  /** How often new messages are sent as `transcript_processed` batches (and ended conversations looked for). */
  readonly intervalSeconds: number
  /** How long a conversation goes without a user's message before it counts as ended (`memory_creation`). */
  readonly memoryAfterSeconds: number
  /** 2 while a rotated-out secret still signs beside the new one. */
  readonly secretCount: number
  readonly installedAt: string
}

/** One attempt to deliver to an app: what was sent for which conversation, and how it went. */
export interface AppDelivery {
  readonly id: string
  readonly appId: string
  readonly trigger: AppTrigger
  readonly conversationId: string
  readonly userId: string
  readonly attempt: number
  /** `delivered` (2xx), `retrying` (failed, will be tried again), `failed` (given up), `deferred` (circuit open). */
  readonly status: 'delivered' | 'retrying' | 'failed' | 'deferred'
  readonly httpStatus?: number
  readonly latencyMs?: number
  readonly error?: string
  /** The message the app's `{ "message": … }` reply became in the conversation. */
  readonly replyMessageId?: string
  readonly createdAt: string
}

export interface InstallAppRequest {
  readonly manifest: unknown
  /** The signing secret (at least 16 characters); a random one is made when absent. */
  readonly secret?: string
  /** 30 by default. */
  readonly intervalSeconds?: number
  /** 120 by default. */
  readonly memoryAfterSeconds?: number
}

/** Installs external HTTP apps (seed manifests) and shows what was delivered to them. */
export interface AppsClient {
  /** Installs (or reinstalls, keeping its secrets unless one is given) an app by its manifest; the result holds its secret. */
  installApp(request: InstallAppRequest): Promise<{ app: InstalledApp; secret: string }>
  listApps(request?: Record<string, never>): Promise<{ apps: InstalledApp[] }>
  uninstallApp(request: { readonly id: string }): Promise<void>
  /** A new secret signs from now on; the previous one signs beside it until the next rotation. */
  rotateAppSecret(request: { readonly id: string; readonly secret?: string }): Promise<{ app: InstalledApp; secret: string }>
  /** Attempts, newest first. */
  listAppDeliveries(request?: { readonly appId?: string; readonly conversationId?: string; readonly limit?: number; readonly offset?: number }): Promise<{ deliveries: AppDelivery[] }>
}
