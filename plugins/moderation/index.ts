import definition from './plugin.definition.js'
import implementation from './src/index.js'

/** The moderation plugin, for `bot.addPlugin(moderation, { configuration: { blockedWords } })`. */
export default { definition, implementation }
