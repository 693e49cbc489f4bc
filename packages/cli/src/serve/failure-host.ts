import type { HandlerFailure, Runtime } from '@parley/runtime'
import type { HostedBot, RuntimeHost, TurnFailure } from '@parley/runtime/http'

/**
 * The host as `parley dev` serves it: each message a chat sends answers with the handlers that failed
 * on it, so the chat page can show the developer that their turn broke instead of staying silent.
 */
export function reportingFailures(host: RuntimeHost, current: () => Runtime, describe: (failure: HandlerFailure) => TurnFailure): RuntimeHost {
  const wrap = (bot: HostedBot): HostedBot => ({
    ...bot,
    receiveMessage: async (message) => {
      const outcome = await current().receiveMessage(message)
      return { message: outcome.message, failures: outcome.failures.map(describe) }
    },
  })
  return {
    bots: () => host.bots().map(wrap),
    bot: (id) => {
      const bot = host.bot(id)
      return bot && wrap(bot)
    },
  }
}
