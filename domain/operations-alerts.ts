/**
 * What operations (contractmanagement) is alerted to because no consultant or provider will notice:
 * the check constraint on `OperationsAlert.kind` holds the same list; a test keeps them equal.
 */
export const operationsAlertKinds = [
  // The trajectory is open in the records but its workflow was terminated, failed or ended: no deadline will fire.
  'WORKFLOW_NOT_RUNNING',
  // The workflow's code keeps failing on a task: it is stuck until the code or its input is mended.
  'WORKFLOW_TASK_FAILED',
] as const;

export type OperationsAlertKind = (typeof operationsAlertKinds)[number];
