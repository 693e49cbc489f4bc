export { createPlugin, type CreatedPlugin } from './create-plugin.js'
export type * from './types.js'
