import { verifyHmacSignature } from '../implementation/webhook-signature.js'
import type { PluginResponse, PluginRoute, PluginRouteProps } from '../implementation/plugin-routes.js'
import type { ListenerRegistry } from './event-bus.js'
import { pluginContext } from './context.js'
import type { PluginWebhook } from './types.js'

/** Headers the signature is read from: GitHub's, and Parley's own name for senders that choose theirs. */
const SIGNATURE_HEADERS = ['x-hub-signature-256', 'x-parley-signature-256']
/** Headers naming one delivery, which a sender keeps when it sends the delivery again. */
const DELIVERY_HEADERS = ['x-github-delivery', 'x-parley-delivery']
const DELIVERY_ID_LENGTH = 200
/** Headers the event name is read from, before the body's `event` or `type`. */
const EVENT_HEADERS = ['x-github-event', 'x-event-name', 'x-parley-event']

/**
 * A webhook as a public route at `webhooks/<name>`. The body must carry an HMAC-SHA256 signature of its
 * exact bytes under the webhook's secret (the plugin's `webhookSecrets[name]` configuration), written
 * `sha256=<hex>` as GitHub does; anything else is answered 401 and handled not at all.
 */
export function webhookRoute(webhook: PluginWebhook, registry: ListenerRegistry): PluginRoute {
  return {
    method: 'POST',
    path: `webhooks/${webhook.name}`,
    access: 'public',
    description: `Incoming webhook "${webhook.name}"`,
    handler: (props) => receive(webhook, registry, props),
  }
}

async function receive(webhook: PluginWebhook, registry: ListenerRegistry, props: PluginRouteProps): Promise<PluginResponse> {
  const secret = secretOf(props, webhook.name)
  if (!secret) return reply(401, { error: { code: 'WEBHOOK_SECRET_MISSING', message: `webhook "${webhook.name}" has no secret; set the plugin's configuration webhookSecrets["${webhook.name}"]` } })
  const { headers, body } = props.request
  const signature = SIGNATURE_HEADERS.map((name) => headers[name]).find((value) => value !== undefined)
  if (!verifyHmacSignature({ secret, payload: body, signature, prefix: 'sha256=' })) {
    return reply(401, { error: { code: 'WEBHOOK_SIGNATURE_INVALID', message: 'the X-Hub-Signature-256 header is missing or is not sha256=<HMAC of the body under the webhook\'s secret>' } })
  }
  const payload = parse(body)
  if (payload === undefined) return reply(400, { error: { code: 'WEBHOOK_BODY_INVALID', message: 'the body must be JSON' } })
  const event = eventOf(headers, payload)
  if (!event) return reply(400, { error: { code: 'WEBHOOK_EVENT_MISSING', message: 'name the event in the X-GitHub-Event (or X-Event-Name) header, or as "event" in the body' } })
  if (webhook.events && !webhook.events.includes(event)) return reply(202, { ignored: true, event })
  const delivery = deliveryId(headers)
  if (delivery === null) return reply(400, { error: { code: 'WEBHOOK_DELIVERY_INVALID', message: `the X-GitHub-Delivery header must be at most ${DELIVERY_ID_LENGTH} printable characters` } })
  if (delivery !== undefined && !(await props.deliveries.claim(webhook.name, delivery))) return reply(200, { received: true, event, duplicate: true })
  try {
    await webhook.handler(pluginContext(props, registry), event, payload)
  } catch (error) {
    // Not handled after all: the sender's retry of this delivery must be handled, not taken for a replay.
    if (delivery !== undefined) await props.deliveries.release(webhook.name, delivery)
    throw error
  }
  return reply(200, { received: true, event })
}

/**
 * The delivery's id (GitHub's `X-GitHub-Delivery`), so a signed body sent again is answered without being
 * handled twice; `undefined` when the sender names no delivery, `null` when the id is unfit to keep.
 */
function deliveryId(headers: Readonly<Record<string, string>>): string | undefined | null {
  const id = DELIVERY_HEADERS.map((header) => headers[header]).find((value) => value !== undefined)
  if (id === undefined) return undefined
  if (id.length === 0 || id.length > DELIVERY_ID_LENGTH || /[\u0000-\u001f\u007f]/.test(id)) return null
  return id
}

function secretOf(props: PluginRouteProps, name: string): string | undefined {
  const secrets = (props.configuration as { webhookSecrets?: Record<string, string> }).webhookSecrets ?? {}
  return Object.hasOwn(secrets, name) ? secrets[name] : undefined
}

function eventOf(headers: Readonly<Record<string, string>>, payload: unknown): string | undefined {
  const fromHeader = EVENT_HEADERS.map((name) => headers[name]).find((value) => value)
  if (fromHeader) return fromHeader
  const body = payload as { event?: unknown; type?: unknown } | null
  const named = typeof body === 'object' && body !== null ? body.event ?? body.type : undefined
  return typeof named === 'string' && named !== '' ? named : undefined
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body)
  } catch {
    return undefined
  }
}

function reply(status: number, body: unknown): PluginResponse {
  return { status, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }
}
