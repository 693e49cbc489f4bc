import { updatable } from './crud.js'

export default updatable.asPackage()
