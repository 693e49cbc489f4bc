export { migrate, appliedVersions } from './migrate.js'
export { MIGRATIONS } from './migrations.js'
export type { Migration } from './migration.js'
