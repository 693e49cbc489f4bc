import definition from './plugin.definition.js'
import implementation from './src/index.js'

/** The journal plugin, for `bot.addPlugin(journal, { configuration: { maxLength } })`. */
export default { definition, implementation }
