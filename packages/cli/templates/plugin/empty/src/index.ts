import * as bp from '../.parley'
import definition from '../plugin.definition'

/** The plugin's implementation: one handler per action, and handlers registered in `on`. */
export default new bp.Plugin({
  definition,
  actions: {},
  on: () => {},
})
