export { deletable as default } from './crud.js'
