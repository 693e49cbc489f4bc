import { z, type WebhookRequest, type WebhookResponse } from '@parley/sdk'
import type { Context } from 'hono'
import { dictionary } from '../../guards/index.js'
import { RequestError } from '../errors/http-errors.js'
import { botParams, name } from '../../api/schemas/common.js'
import { botRoute, type Route } from './route.js'

const base = '/v1/bots/:botId/integrations/:alias/webhook'
const params = botParams.extend({ alias: name })
const success = { status: 200, contentType: '*/*', description: "Whatever the integration's handler answers: its status, headers and body" } as const
const summary = "Hand a request to the webhook handler of the integration added under this alias, with the raw body and headers (for signature checks); no credential needed — the integration checks the caller"

/** Errors that mean there is nothing at this address, rather than a handler that failed. */
const NOT_HERE = new Set(['NAME_UNKNOWN', 'IMPLEMENTATION_MISSING'])

/**
 * Integration webhooks, public like the outside services that call them: the exact address, and any path
 * below it (`…/webhook/telegram/42`), which the handler sees as `path`. The body is bounded like every
 * body, and read as text so a signature can be checked byte for byte.
 */
export const webhookRoutes: readonly Route[] = [
  botRoute({
    method: 'post', path: base, operationId: 'handleWebhook', summary, tag: 'webhooks', access: 'public',
    params, body: 'raw', success,
    handle: ({ bot, params, body, c }) => deliver(c, bot.handleWebhook.bind(bot), params.alias, '/', body),
  }),
  botRoute({
    method: 'post', path: `${base}/:path{.+}`, operationId: 'handleWebhookPath', summary, tag: 'webhooks', access: 'public',
    params: params.extend({ path: z.string().min(1).describe('Any rest of the path, slashes included') }), body: 'raw', success,
    handle: ({ bot, params, body, c }) => deliver(c, bot.handleWebhook.bind(bot), params.alias, `/${params.path}`, body),
  }),
]

type Handle = (alias: string, request: WebhookRequest) => Promise<WebhookResponse>

/**
 * Runs the handler and answers with what it returns. A handler that throws, or answers what HTTP cannot
 * carry, is answered 500 (`WEBHOOK_FAILED`, its error reported as the cause) and harms nothing else: the
 * caller may retry, as webhook senders do.
 */
async function deliver(c: Context, handle: Handle, alias: string, path: string, body: string): Promise<Response> {
  const request: WebhookRequest = { method: c.req.method, path, query: queryOf(c.req.url), headers: dictionary(c.req.raw.headers.entries()), body }
  try {
    return toResponse(await handle(alias, request))
  } catch (error) {
    if (NOT_HERE.has(String((error as { code?: unknown }).code))) throw new RequestError('WEBHOOK_NOT_FOUND', `no webhook is served at ${c.req.path}; check the bot id and the integration's alias`)
    const failed = new RequestError('WEBHOOK_FAILED', `the webhook handler of integration "${alias}" failed; the server's log has the details`)
    throw Object.assign(failed, { cause: error })
  }
}

function toResponse({ status = 200, headers = {}, body }: WebhookResponse): Response {
  if (!Number.isInteger(status) || status < 200 || status > 599) throw new Error(`the webhook handler answered status ${status}; use 200 to 599`)
  return new Response(body ?? null, { status, headers: { ...headers } })
}

/** The first value of each query parameter, in an object no parameter name can reach the prototype of. */
function queryOf(url: string): Record<string, string> {
  const query = dictionary<string>()
  for (const [key, value] of new URL(url).searchParams) query[key] ??= value
  return query
}
