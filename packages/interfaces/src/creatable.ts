import { creatable } from './crud.js'

export default creatable.asPackage()
