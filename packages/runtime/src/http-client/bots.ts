import { createTransport, type TransportOptions } from './transport.js'

export interface BotSummary {
  readonly id: string
  readonly title?: string
  readonly description?: string
}

/** The bots a server runs that the token covers. */
export async function listBots(options: TransportOptions): Promise<BotSummary[]> {
  return (await createTransport(options, 'v1/').call<{ bots: BotSummary[] }>('get', 'bots')).bots
}
