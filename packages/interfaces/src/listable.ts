import { listable } from './crud.js'

export default listable.asPackage()
