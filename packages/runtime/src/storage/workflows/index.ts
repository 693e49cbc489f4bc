export {
  createWorkflowStore, FINISHED_WORKFLOW_STATUSES, type WorkflowStore, type WorkflowInstance, type WorkflowStatus, type CreateWorkflowInput,
  type UpdateWorkflowInput, type ListWorkflowsOptions,
} from './workflows.js'
