import { PluginDefinition } from '@parley/sdk'

/** Declare the plugin's configuration, states, events, actions, tables and interface dependencies here. */
export default new PluginDefinition({
  name: '{{name}}',
  version: '0.1.0',
})
