import { BotDefinition } from '@parley/sdk'

/** Declare the bot's configuration, states, events, actions, tables and workflows here; add plugins and integrations below. */
const bot = new BotDefinition({})

export default bot
