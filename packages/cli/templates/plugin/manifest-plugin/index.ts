import { manifestPlugin } from '@parley/sdk'

/** The folder as a plugin package: `bot.addPlugin(plugin, { alias, configuration: { WEBHOOK_URL } })`. */
export default manifestPlugin('.')
