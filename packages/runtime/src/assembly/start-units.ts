import type { Context } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'

type WebhookUrl = ((alias: string) => string) | undefined

/**
 * Runs `register` of each integration (so the services it connects are ready), then of each plugin and
 * the bot. A failing `register` stops the start: the bot would run half set up.
 */
export async function startUnits(engine: Engine, webhookUrl: WebhookUrl): Promise<void> {
  const ctx = emptyContext(engine)
  for (const unit of engine.integrations.values()) {
    await unit.implementation?.register?.({ ...engine.props.integration(unit, ctx, undefined), webhookUrl: urlOf(unit.alias, webhookUrl) })
  }
  for (const unit of engine.code) await unit.register?.(engine.props.code(unit, ctx, undefined) as never)
}

/** Runs `unregister` of each plugin, then of each integration; one failing does not keep the others from theirs. */
export async function stopUnits(engine: Engine, webhookUrl: WebhookUrl): Promise<void> {
  const ctx = emptyContext(engine)
  for (const unit of engine.plugins.values()) {
    try {
      await unit.unregister?.(engine.props.code(unit, ctx, undefined) as never)
    } catch (error) {
      engine.logs.write({ level: 'error', audience: 'bot', source: unit.alias, message: `${unit.scope.owner}: unregister failed: ${(error as Error).message}` })
    }
  }
  for (const unit of engine.integrations.values()) {
    try {
      await unit.implementation?.unregister?.({ ...engine.props.integration(unit, ctx, undefined), webhookUrl: urlOf(unit.alias, webhookUrl) })
    } catch (error) {
      engine.logs.write({ level: 'error', audience: 'bot', source: unit.alias, message: `${unit.scope.owner}: unregister failed: ${(error as Error).message}` })
    }
  }
}

function urlOf(alias: string, webhookUrl: WebhookUrl): string {
  return webhookUrl?.(alias) ?? ''
}

function emptyContext(engine: Engine): Context {
  return { botId: engine.botId, alias: '', conversationId: '', userId: '', messageId: '', eventId: '' }
}
