/** Everything under it is generated, and `parley gen` rewrites all of it. */
export const GENERATED_DIR = '.parley'

/** Where the module of each package in `parleyDependencies` goes. */
export const packageModuleDir = (alias: string): string => `${GENERATED_DIR}/packages/${alias}`
