import {
  ServiceError,
  WorkflowNotFoundError,
  WorkflowUpdateFailedError,
  WorkflowUpdateRPCTimeoutOrCancelledError,
} from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { TrajectoryErrorType, type Refusal } from '../workflows/trajectory/contracts';
import { AppError, type ErrorDetail } from './app-error';
import { TemporalTimeout } from './temporal-calls';

/** gRPC UNAVAILABLE (14) or DEADLINE_EXCEEDED (4): Temporal is away, not refusing. */
function isUnavailable(error: unknown): boolean {
  if (!(error instanceof ServiceError)) return false;
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return code === 14 || code === 4;
}

/** The business refusal inside an update failure, which may sit under an activity failure. */
function refusalIn(error: WorkflowUpdateFailedError): ApplicationFailure | undefined {
  for (let cause: unknown = error.cause; cause instanceof Error; cause = cause.cause) {
    if (cause instanceof ApplicationFailure) return cause;
  }
  return undefined;
}

/** The refusal's details as the API reports them: an argument's name becomes its path in the body. */
function detailsOf(refusal: ApplicationFailure | undefined, message: string): ErrorDetail[] {
  const refusals = (refusal?.details?.[0] ?? [{ message }]) as Refusal[];
  return refusals.map((r) => ({
    ...(r.field && { path: `body.${r.field}` }),
    ...(r.rule && { rule: r.rule }),
    message: r.message,
  }));
}

/** A change to a trajectory whose workflow no longer runs (or never ran). */
export const trajectoryNotRunning = () =>
  new AppError(409, 'TRAJECTORY_NOT_RUNNING', 'The trajectory is closed or its workflow is not running');

/**
 * Maps what the trajectory workflow refused to HTTP (the types are in workflows/trajectory/contracts.ts):
 * wrong state 409, invalid input 400, a broken business rule 422 with the rule named; each detail
 * carries the field the workflow named.
 */
export function fromTemporal(error: unknown): AppError | undefined {
  if (
    error instanceof TemporalTimeout ||
    error instanceof WorkflowUpdateRPCTimeoutOrCancelledError ||
    isUnavailable(error)
  ) {
    return new AppError(
      503,
      'TEMPORAL_UNAVAILABLE',
      'The workflow engine did not answer in time; the change may still be applied: look at the trajectory before trying again',
    );
  }
  if (error instanceof WorkflowNotFoundError) return trajectoryNotRunning();
  if (!(error instanceof WorkflowUpdateFailedError)) return undefined;
  const refusal = refusalIn(error);
  const message = refusal?.message ?? error.message;
  switch (refusal?.type) {
    case TrajectoryErrorType.WrongState:
      return new AppError(409, 'WRONG_STATE', message, detailsOf(refusal, message));
    case TrajectoryErrorType.InvalidInput:
      return new AppError(400, 'VALIDATION_FAILED', message, detailsOf(refusal, message));
    case TrajectoryErrorType.UnknownProduct:
      return new AppError(400, 'VALIDATION_FAILED', message, [{ path: 'body.productCode', message }]);
    case TrajectoryErrorType.RuleViolated:
      return new AppError(422, 'RULE_VIOLATED', message, detailsOf(refusal, message));
    default:
      return undefined;
  }
}
