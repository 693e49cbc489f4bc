import * as bp from '../.parley'

/** The bot's implementation: one handler per action, and handlers registered on `bot.on`. */
export const bot = new bp.Bot({ actions: {} })

export default bot
