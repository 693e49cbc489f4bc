import plugin from './src/index'

/** `createPlugin` builds the definition from the plugin itself; `parley gen` types it like any other. */
export default plugin.definition
