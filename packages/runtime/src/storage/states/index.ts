export {
  createStateStore, type StateStore, type StateKey, type StatePayload, type StateRecord, type StateWriteOptions, type StateStoreOptions,
  type StateUpdate, type StateUpdateOptions,
} from './states.js'
export { DEFAULT_STATE_SIZE_LIMIT } from './state-size.js'
