import { BotDefinition } from '@parley/sdk'

/** No plugins, no integrations, no state: it only needs the built-in chat. */
export default new BotDefinition({})
