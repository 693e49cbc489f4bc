import { deletable } from './crud.js'

export default deletable.asPackage()
