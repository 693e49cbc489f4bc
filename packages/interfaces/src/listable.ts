export { listable as default } from './crud.js'
