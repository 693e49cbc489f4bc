import type { Service } from './processes.js'

/** A bot served over HTTP, as `parley dev` and `parley start` serve it. */
export interface ServedBot {
  readonly url: string
  readonly token: string
}

/**
 * Resolves once `/health` answers 200. The server's own start is the event waited on; polling is how
 * a client learns of it. Fails at once, with the server's output, if the process exits first.
 */
export async function untilHealthy(bot: ServedBot, service: Service, timeoutMs = 180_000): Promise<void> {
  const deadline = Date.now() + timeoutMs
  while (Date.now() < deadline) {
    if (service.child.exitCode !== null) throw new Error(`the server exited with code ${service.child.exitCode} before answering:\n${service.output()}`)
    const healthy = await fetch(`${bot.url}/health`).then((r) => r.ok, () => false)
    if (healthy) return
    await new Promise((resolve) => setTimeout(resolve, 250))
  }
  throw new Error(`the server did not answer /health within ${timeoutMs / 1000} s:\n${service.output()}`)
}

async function call<T>(bot: ServedBot, method: string, path: string, body?: unknown): Promise<T> {
  const response = await fetch(`${bot.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${bot.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })
  const text = await response.text()
  if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`)
  return JSON.parse(text) as T
}

/** The one bot the server runs. */
export async function onlyBotId(bot: ServedBot): Promise<string> {
  const { bots } = await call<{ bots: { id: string }[] }>(bot, 'GET', '/v1/bots')
  if (bots.length !== 1) throw new Error(`expected one bot, the server runs ${JSON.stringify(bots)}`)
  return bots[0]!.id
}

/**
 * Hands a user's text to the bot through the API (the call returns once its handlers ran) and returns
 * the texts the bot answered with in that conversation.
 */
export async function ask(bot: ServedBot, text: string, ids = { userId: 'ada', conversationId: 'first' }): Promise<string[]> {
  const botId = await onlyBotId(bot)
  const base = `/v1/bots/${encodeURIComponent(botId)}`
  await call(bot, 'POST', `${base}/users`, { id: ids.userId })
  await call(bot, 'POST', `${base}/conversations`, { id: ids.conversationId })
  const { message } = await call<{ message: { id: string } }>(bot, 'POST', `${base}/messages/incoming`, { ...ids, type: 'text', payload: { text } })
  const { messages } = await call<{ messages: { id: string; direction: string; payload: { text?: string } }[] }>(bot, 'GET', `${base}/conversations/${ids.conversationId}/messages`)
  const after = messages.slice(messages.findIndex((m) => m.id === message.id) + 1)
  return after.filter((m) => m.direction === 'outgoing').map((m) => m.payload.text ?? '')
}

/** Calls an action of the bot, a plugin's as `alias:name`, through the API; resolves with its output. */
export async function callAction(bot: ServedBot, type: string, input: Record<string, unknown>): Promise<unknown> {
  const botId = await onlyBotId(bot)
  const { output } = await call<{ output: unknown }>(bot, 'POST', `/v1/bots/${encodeURIComponent(botId)}/actions/call`, { type, input })
  return output
}
