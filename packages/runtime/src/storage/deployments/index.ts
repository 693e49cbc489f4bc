export { createDeploymentStore, type DeploymentStore, type DeploymentSummary, type DeploymentCode, type StoredDeployment } from './deployments.js'
export { findIncompatibilities, type Incompatibility, type RowConflict, type CompatibilityInput } from './compatibility.js'
