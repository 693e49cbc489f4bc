export { updatable as default } from './crud.js'
