export { creatable as default } from './crud.js'
