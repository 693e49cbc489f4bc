import type { WebhookRequest, WebhookResponse } from '@parley/sdk'
import type { Engine } from '../../engine/engine.js'
import { RuntimeError } from '../../engine/errors.js'

/** Hands a request to an integration's webhook handler, which turns it into users, conversations, messages and events. */
export async function handleWebhook(engine: Engine, alias: string, req: WebhookRequest): Promise<WebhookResponse> {
  const unit = engine.integrations.get(alias)
  if (!unit) throw new RuntimeError('NAME_UNKNOWN', `the bot has no integration "${alias}"; its integrations are ${[...engine.integrations.keys()].map((a) => `"${a}"`).join(', ') || 'none'}`)
  if (!unit.implementation?.handler) throw new RuntimeError('IMPLEMENTATION_MISSING', `${unit.scope.owner} has no webhook handler; add \`handler\` to its implementation`)
  const ctx = { botId: engine.botId, alias, conversationId: '', userId: '', messageId: '', eventId: '' }
  return (await unit.implementation.handler({ ...engine.props.integration(unit, ctx, undefined), req })) ?? { status: 200 }
}
