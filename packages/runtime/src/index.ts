export * from './storage/index.js'
export * from './engine/index.js'
