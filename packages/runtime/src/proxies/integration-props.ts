import type { Context, IntegrationHandlerProps, LooseIntegrationTypes } from '@parley/sdk'
import type { Engine } from '../engine/engine.js'
import type { Turn } from '../engine/turn.js'
import type { IntegrationUnit } from '../engine/units.js'
import { createLogger } from '../logging/logger.js'
import { createClient } from './client.js'
import { links } from './handler-props.js'

/** What an integration's actions, channels and webhook receive. */
export function integrationProps(engine: Engine, unit: IntegrationUnit, ctx: Context, turn: Turn | undefined): IntegrationHandlerProps<LooseIntegrationTypes> {
  const caller = { unit, ctx: { ...ctx, alias: unit.alias }, ...(turn ? { turn } : {}) }
  return {
    ctx: caller.ctx,
    client: createClient(engine, caller),
    logger: createLogger(engine.logs, { source: unit.source, ...links(caller.ctx) }),
    configuration: unit.instance.configuration,
    secrets: unit.secrets,
  }
}
