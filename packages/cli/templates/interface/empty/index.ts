/** The package plugins and integrations name in `interfaces: { … }`: the definition, and its types. */
export { default } from './interface.definition'
export type * from './.parley'
