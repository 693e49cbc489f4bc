import { InterfaceDefinition } from '@parley/sdk'

/** Declare the entities, actions, events and channels integrations implement and plugins depend on. */
export default new InterfaceDefinition({
  name: '{{name}}',
  version: '0.1.0',
})
