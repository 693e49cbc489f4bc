export { createKvStore, KV_LIMITS, type KvStore } from './kv-store.js'
export { KeyValueError, type KeyValueErrorCode } from './kv-error.js'
