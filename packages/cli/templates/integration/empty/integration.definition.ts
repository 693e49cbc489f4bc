import { IntegrationDefinition } from '@parley/sdk'

/** Declare the integration's configuration, secrets, actions, events, channels and entities here. */
export default new IntegrationDefinition({
  name: '{{name}}',
  version: '0.1.0',
})
