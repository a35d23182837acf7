import {
  ContinueAsNew,
  isCancellation,
  proxySinks,
  TemporalFailure,
  type Next,
  type Sinks,
  type UpdateInput,
  type WorkflowExecuteInput,
  type WorkflowInboundCallsInterceptor,
  type WorkflowInterceptors,
} from '@temporalio/workflow';
import type { OperationsAlertKind } from '../domain/operations-alerts';

/** What the worker is told when a trajectory's workflow gets stuck or ends by an error. */
export interface AlertSinks extends Sinks {
  alerts: {
    raise(alert: { kind: OperationsAlertKind; error: string }): void;
  };
}

const { alerts } = proxySinks<AlertSinks>();

const describe = (error: Error) => `${error.name}: ${error.message}`.slice(0, 500);

/**
 * Reports what no user would notice, then lets the error take its usual course. An error that is
 * not a Temporal failure fails the workflow task, which Temporal retries for ever: the trajectory
 * is stuck. A Temporal failure out of the main body fails the workflow: nothing fires any more.
 * A sink call is no command and is not repeated on replay.
 */
async function reporting<T>(run: () => Promise<T>, { body }: { body: boolean }): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof ContinueAsNew || isCancellation(error) || !(error instanceof Error)) throw error;
    if (!(error instanceof TemporalFailure)) alerts.raise({ kind: 'WORKFLOW_TASK_FAILED', error: describe(error) });
    else if (body) alerts.raise({ kind: 'WORKFLOW_NOT_RUNNING', error: describe(error) });
    throw error;
  }
}

class FailureReporter implements WorkflowInboundCallsInterceptor {
  execute(input: WorkflowExecuteInput, next: Next<WorkflowInboundCallsInterceptor, 'execute'>): Promise<unknown> {
    return reporting(() => next(input), { body: true });
  }

  // A refusal (ApplicationFailure) only answers the caller; anything else is a stuck task.
  handleUpdate(input: UpdateInput, next: Next<WorkflowInboundCallsInterceptor, 'handleUpdate'>): Promise<unknown> {
    return reporting(() => next(input), { body: false });
  }
}

export const interceptors = (): WorkflowInterceptors => ({ inbound: [new FailureReporter()] });
