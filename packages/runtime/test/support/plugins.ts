import { PluginDefinition, PluginImplementation, z } from '@parley/sdk'

/** A plugin whose handlers and hooks write what they saw into `trace`, for order and data checks. */
export function tracingPlugin(name: string, trace: string[], hooks: Partial<Record<'before' | 'after', (data: any) => unknown>> = {}) {
  const definition = new PluginDefinition({
    name, version: '1.0.0',
    events: { ping: { schema: z.object({ n: z.number() }) } },
  })
  const implementation = new PluginImplementation({
    definition,
    actions: {},
    on: (plugin) => {
      plugin.beforeIncomingMessage('*', async ({ data }) => {
        trace.push(`${name} before ${data.type}`)
        return hooks.before?.(data) as never
      })
      plugin.message('*', ({ message }) => void trace.push(`${name} message ${message.type} tags=${JSON.stringify(message.tags)}`))
      plugin.afterIncomingMessage('*', async ({ data }) => {
        trace.push(`${name} after ${data.type}`)
        return hooks.after?.(data) as never
      })
      plugin.event('*', ({ event }) => void trace.push(`${name} event ${event.type}`))
    },
  })
  return { definition, implementation }
}
