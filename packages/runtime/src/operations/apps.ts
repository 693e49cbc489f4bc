import { randomBytes } from 'node:crypto'
import { parseAppManifest, type AppManifest, type InstallAppRequest, type InstalledApp } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import { notFound, RuntimeError } from '../engine/errors.js'
import { createAppStore, type StoredApp } from '../storage/index.js'
import { isPrivateAddress } from '../dispatch/apps/address-guard.js'
import { tickKey } from '../dispatch/apps/tick.js'
import { APP_TICK_JOB } from '../jobs/job-kinds.js'

// External HTTP apps: installed by their manifest, each with a signing secret, and looked at through the
// deliveries made to them.

export const DEFAULT_INTERVAL_SECONDS = 30
export const DEFAULT_MEMORY_AFTER_SECONDS = 120
const SECRET_LENGTH = { min: 16, max: 256 }

export async function installApp(engine: Engine, request: InstallAppRequest) {
  const manifest = parseAppManifest(request.manifest)
  checkUrl(engine, manifest)
  const given = request.secret === undefined ? undefined : checkedSecret(request.secret)
  const intervalSeconds = seconds('intervalSeconds', request.intervalSeconds ?? DEFAULT_INTERVAL_SECONDS, 86_400)
  const memoryAfterSeconds = seconds('memoryAfterSeconds', request.memoryAfterSeconds ?? DEFAULT_MEMORY_AFTER_SECONDS, 7 * 86_400)
  const app = await engine.db.transaction(async (tx) => {
    const store = createAppStore(tx, engine.botId)
    const secrets = given ? [given] : ((await store.get(manifest.id))?.secrets ?? [newSecret()])
    const saved = await store.save({ manifest, secrets, intervalSeconds, memoryAfterSeconds })
    await engine.jobs.enqueue(tx, { kind: APP_TICK_JOB, key: tickKey(saved.id), payload: { appId: saved.id }, runAt: new Date(engine.clock.now().getTime() + intervalSeconds * 1000) })
    return saved
  })
  engine.worker.kick()
  return { app: installed(app), secret: app.secrets[0]! }
}

export async function listApps(engine: Engine) {
  return { apps: (await createAppStore(engine.db, engine.botId).list()).map(installed) }
}

export async function uninstallApp(engine: Engine, request: { readonly id: string }): Promise<void> {
  const removed = await engine.db.transaction(async (tx) => {
    await engine.jobs.cancel(tx, tickKey(request.id))
    return createAppStore(tx, engine.botId).remove(request.id)
  })
  if (!removed) throw notFound('app', request.id, engine.botId)
}

/** The new secret signs first; the one it replaces signs beside it until the next rotation, so receivers can switch over. */
export async function rotateAppSecret(engine: Engine, request: { readonly id: string; readonly secret?: string }) {
  const secret = request.secret === undefined ? newSecret() : checkedSecret(request.secret)
  const app = await engine.db.transaction(async (tx) => {
    const store = createAppStore(tx, engine.botId)
    const current = await store.get(request.id)
    if (!current) throw notFound('app', request.id, engine.botId)
    return (await store.setSecrets(request.id, [secret, current.secrets[0]!]))!
  })
  return { app: installed(app), secret }
}

export async function listAppDeliveries(engine: Engine, request: { readonly appId?: string; readonly conversationId?: string; readonly limit?: number; readonly offset?: number } = {}) {
  const limit = Math.min(Math.max(Math.trunc(request.limit ?? 50), 1), 1000)
  const offset = Math.max(Math.trunc(request.offset ?? 0), 0)
  return { deliveries: await createAppStore(engine.db, engine.botId).listDeliveries({ ...request, limit, offset }) }
}

function installed(app: StoredApp): InstalledApp {
  const { secrets: _, ...rest } = app
  return rest
}

function newSecret(): string {
  return `psk_${randomBytes(32).toString('hex')}`
}

function checkedSecret(secret: unknown): string {
  if (typeof secret === 'string' && secret.length >= SECRET_LENGTH.min && secret.length <= SECRET_LENGTH.max) return secret
  throw new RuntimeError('APP_SETTINGS_INVALID', `secret: give a string of ${SECRET_LENGTH.min} to ${SECRET_LENGTH.max} characters, or leave it out for a random one`)
}

function seconds(field: string, value: unknown, max: number): number {
  if (typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= max) return value
  throw new RuntimeError('APP_SETTINGS_INVALID', `${field}: give a whole number of seconds from 1 to ${max}`)
}

/** Names that are private addresses outright are refused here; names are checked again, resolved, at each delivery. */
function checkUrl(engine: Engine, manifest: AppManifest): void {
  if (engine.apps.allowPrivateUrls) return
  const { hostname } = new URL(manifest.external_integration.webhook_url)
  if (hostname === 'localhost' || hostname.endsWith('.localhost') || isPrivateAddress(hostname)) {
    throw new RuntimeError('APP_URL_REFUSED', `external_integration.webhook_url: ${hostname} is a private address; apps may only be reached at public addresses unless the runtime allows private ones (parley dev does)`)
  }
}
