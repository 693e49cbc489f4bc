// An interface has no implementation: packages re-export its definition, and its types for reference.
export { default } from '../interface.definition'
export type * from '../.parley'
