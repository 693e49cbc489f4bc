import { IntegrationImplementation } from '@parley/sdk'
import { chatChannel } from './channel/send.js'
import type { TelegramTypes } from './types.js'
import { handleRequest } from './webhook/request.js'
import { register, unregister } from './webhook/registration.js'

/** Updates in through the webhook; messages out on the `chat` channel; the webhook set and removed with the bot. */
export default new IntegrationImplementation<TelegramTypes>({
  actions: {},
  channels: { chat: chatChannel },
  handler: handleRequest,
  register,
  unregister,
})
