import type { Context } from '@parley/sdk'
import type { HandlerFailure } from '../dispatch/handlers/failures.js'
import { callActionIn } from '../dispatch/actions/call-action.js'
import { receiveMessage } from '../dispatch/incoming/incoming-message.js'
import { handleWebhook } from '../dispatch/incoming/webhook.js'
import { findPluginRoute, handlePluginRequest, listPluginPages } from '../dispatch/plugin-routes/plugin-routes.js'
import { syncRecurringEvents } from './jobs/recurring.js'
import { ensureTraceExpiry } from './jobs/trace-expiry.js'
import { ensureWebhookDeliveryExpiry } from './jobs/webhook-delivery-expiry.js'
import { createClient } from '../proxies/client.js'
import { isPublicFile, readFileContent, uploadFileContent } from '../operations/files.js'
import type { Engine } from '../engine/engine.js'
import { RuntimeError } from '../engine/errors.js'
import type { Runtime, RuntimeOptions } from './runtime.js'
import type { AppDeliveries } from '../dispatch/apps/deliver.js'
import { startUnits, stopUnits } from './start-units.js'
import { studioSource } from './studio/studio-source.js'
import type { CodeUnit } from '../engine/units.js'

/** The public face of an engine: what `createRuntime` returns. */
export function runtimeOf(engine: Engine, options: RuntimeOptions, ownsDatabase: boolean, deliveries: AppDeliveries): Runtime {
  const mode = options.jobs?.mode ?? 'background'
  let stopped = false
  // Work handed to a stopped runtime would find its database closed; say so plainly instead.
  const live = <A extends unknown[], R>(work: (...args: A) => Promise<R>) => async (...args: A): Promise<R> => {
    if (stopped) throw new RuntimeError('RUNTIME_STOPPED', `bot "${engine.botId}" was stopped; create a new runtime to run it again`)
    return work(...args)
  }
  return {
    botId: engine.botId,
    definition: engine.definition,
    database: engine.db,
    start: live(async () => {
      await startUnits(engine, options.webhookUrl)
      await syncRecurringEvents(engine)
      await ensureTraceExpiry(engine)
      await ensureWebhookDeliveryExpiry(engine)
      if (mode === 'background') engine.worker.start(options.jobs?.pollIntervalMs ?? 1000)
    }),
    stop: async () => {
      if (stopped) return
      stopped = true
      await engine.worker.stop()
      await deliveries.stop()
      await stopUnits(engine, options.webhookUrl)
      await engine.traces.close()
      await engine.logs.flush()
      if (ownsDatabase) await engine.db.close()
    },
    client: (given = {}) => createClient(engine, { unit: unitOf(engine, given.alias), ctx: contextOf(engine, given.ctx) }),
    receiveMessage: live((message) => receiveMessage(engine, message)),
    callAction: live(async (name, input, ctx) => callActionIn(engine, { name: engine.bot.scope.resolve('action', name), input, ctx: contextOf(engine, ctx) }, undefined)),
    handleWebhook: live((alias, request) => handleWebhook(engine, alias, request)),
    pluginRouteAccess: (alias, method, path) => findPluginRoute(engine, alias, method, path)?.route.access,
    handlePluginRequest: live(async (alias, request) => {
      const found = findPluginRoute(engine, alias, request.method, request.path)
      if (!found) throw new RuntimeError('NOT_FOUND', `plugin "${alias}" serves no ${request.method} ${request.path}`)
      return handlePluginRequest(engine, found, request)
    }),
    pluginPages: () => listPluginPages(engine),
    readFile: live(async (id) => {
      const { file, content } = await readFileContent(engine, id)
      return { content, contentType: file.contentType }
    }),
    isPublicFile: live((id) => isPublicFile(engine, id)),
    storeUpload: live((id, token, content) => uploadFileContent(engine, id, token, content)),
    onMessage: (listener) => {
      engine.listeners.add(listener)
      return () => engine.listeners.delete(listener)
    },
    runJobs: () => engine.worker.drain(),
    pendingJobs: () => engine.jobs.list(),
    logs: (query) => engine.logs.list(query),
    studio: studioSource(engine),
    failures: async (query = {}) => (await engine.logs.list({ ...query, failures: true })).map((record) => record.data!['failure'] as HandlerFailure),
  }
}

function unitOf(engine: Engine, alias: string | undefined): CodeUnit {
  if (alias === undefined || alias === '') return engine.bot
  const unit = engine.plugins.get(alias)
  if (unit) return unit
  throw new RuntimeError('NAME_UNKNOWN', `the bot has no plugin "${alias}"; its plugins are ${[...engine.plugins.keys()].map((a) => `"${a}"`).join(', ') || 'none'}`)
}

function contextOf(engine: Engine, given: Partial<Context> = {}): Context {
  return { botId: engine.botId, alias: '', conversationId: '', userId: '', messageId: '', eventId: '', ...given }
}
