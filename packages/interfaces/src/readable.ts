import { readable } from './crud.js'

export default readable.asPackage()
