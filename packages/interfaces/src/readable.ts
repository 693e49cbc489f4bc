export { readable as default } from './crud.js'
