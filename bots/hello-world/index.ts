import definition from './bot.definition.js'
import implementation from './src/index.js'

/** The composed bot, as the runtime and its test harness take it. */
export default { definition, implementation }
