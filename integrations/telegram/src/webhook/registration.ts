import { botApi } from '../bot-api/client.js'
import { webhookSecret } from '../configuration.js'
import type { TelegramProps } from '../types.js'

/** The updates the integration takes in; Telegram then does not send the others at all. */
export const ALLOWED_UPDATES = ['message', 'callback_query']

type RegistrationProps = TelegramProps & { readonly webhookUrl: string }

/**
 * Points the bot's webhook at this runtime (`setWebhook` with the secret Telegram will send back), or
 * at the configured public `webhookUrl`. Without either there is nowhere for Telegram to post: that is
 * logged, and the bot runs without receiving updates. A refused token stops the start.
 */
export async function register(props: RegistrationProps): Promise<void> {
  const url = props.configuration.webhookUrl || props.webhookUrl
  const secret = webhookSecret(props.secrets)
  if (!url) return props.logger.forBot().warn('no webhook URL: Telegram cannot send updates to this bot; set webhookUrl in the configuration to a public HTTPS address')
  await botApi(props.configuration, props.secrets).call('setWebhook', {
    url, secret_token: secret, allowed_updates: ALLOWED_UPDATES, drop_pending_updates: props.configuration.dropPendingUpdates,
  })
  props.logger.forBot().info(`Telegram posts updates to ${url}`)
}

/** Removes the webhook, so Telegram stops posting to a runtime that is gone. */
export async function unregister(props: RegistrationProps): Promise<void> {
  await botApi(props.configuration, props.secrets).call('deleteWebhook', {})
}
