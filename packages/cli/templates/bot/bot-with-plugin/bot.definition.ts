import { BotDefinition } from '@parley/sdk'
import greeter from './plugins/greeter/plugin.definition'

const bot = new BotDefinition({})

// The plugin's actions, states and events appear in the bot as `greeter:name`.
bot.addPlugin(greeter, { alias: 'greeter', configuration: { greeting: 'Welcome' } })

export default bot
