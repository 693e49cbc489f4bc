import type pg from 'pg'

export interface Listener {
  listen(channel: string, onPayload: (payload: string) => void): Promise<() => Promise<void>>
  close(): Promise<void>
}

/**
 * LISTEN needs a connection of its own, held open: one per database, opened on the first `listen`, and
 * opened again (listening on every channel still wanted) by the next `listen` after it broke.
 * Notifications sent while it was down are lost, so listeners must not rely on them alone.
 */
export function listenerOf(connect: () => pg.Client): Listener {
  const channels = new Map<string, Set<(payload: string) => void>>()
  let client: Promise<pg.Client> | undefined
  let closed = false
  const open = async (): Promise<pg.Client> => {
    const opened = connect()
    opened.on('notification', (message) => channels.get(message.channel)?.forEach((listener) => listener(message.payload ?? '')))
    opened.on('error', () => {
      client = undefined
    })
    await opened.connect()
    for (const [channel, listeners] of channels) if (listeners.size > 0) await opened.query(`LISTEN ${quote(channel)}`)
    return opened
  }
  const connection = () => (client ??= open().catch((error: unknown) => {
    client = undefined
    throw error
  }))
  return {
    listen: async (channel, onPayload) => {
      if (closed) throw new Error('the database was closed')
      const listeners = channels.get(channel) ?? channels.set(channel, new Set()).get(channel)!
      const isNew = listeners.size === 0
      listeners.add(onPayload)
      const wasOpen = client !== undefined
      const opened = await connection()
      if (isNew && wasOpen) await opened.query(`LISTEN ${quote(channel)}`)
      return async () => void listeners.delete(onPayload)
    },
    close: async () => {
      closed = true
      const opened = client
      client = undefined
      channels.clear()
      if (opened) await (await opened.catch(() => undefined))?.end().catch(() => undefined)
    },
  }
}

function quote(channel: string): string {
  return `"${channel.replaceAll('"', '""')}"`
}
