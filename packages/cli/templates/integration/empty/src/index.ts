import * as bp from '../.parley'

/** The integration's implementation: its actions, how each channel delivers messages, and its webhook. */
export default new bp.Integration({
  actions: {},
  channels: {},
})
