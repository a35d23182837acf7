import { workflowInfo } from '@temporalio/workflow';
import { intakeDueAt } from '../../domain/deadlines';
import { act } from './activity-proxy';
import type { PendingDeadline, TrajectorySnapshot } from './contracts';

/** Keys derived from the workflow and the deadline: the same deadline can never notify or open a task twice. */
const keyOf = (d: PendingDeadline) => `${workflowInfo().workflowId}:${d.key}`;

function notifyProvider(s: TrajectorySnapshot, d: PendingDeadline, kind: string, payload: Record<string, string>) {
  return act.enqueueNotification({
    idempotencyKey: keyOf(d),
    trajectoryId: s.trajectoryId,
    recipientRole: 'PROVIDER',
    providerId: s.providerId,
    kind,
    payload: { trajectoryId: s.trajectoryId, dueAt: d.dueAt, ...payload },
  });
}

/** A task for the trajectory's consultant team or its provider, due at the deadline. */
function taskFor(role: 'CONSULTANT' | 'PROVIDER', s: TrajectorySnapshot, d: PendingDeadline, kind: string) {
  return act.openTask({
    idempotencyKey: keyOf(d),
    trajectoryId: s.trajectoryId,
    kind,
    assigneeRole: role,
    ...(role === 'CONSULTANT' ? { teamId: s.teamId } : { providerId: s.providerId }),
    dueAt: d.dueAt,
  });
}

/** What each reminder deadline does; ALLOCATION_END is the workflow's own business (close or next period). */
export async function remind(s: TrajectorySnapshot, d: PendingDeadline): Promise<void> {
  switch (d.kind) {
    case 'INTAKE_REMINDER': // the provider needs the intake deadline, not the reminder's own time
      return notifyProvider(s, d, 'INTAKE_DUE_SOON', { dueAt: intakeDueAt(new Date(s.registeredAt)).toISOString() });
    case 'INTAKE_OVERDUE': // seed 003: the consultant follows up a missed intake
      return taskFor('CONSULTANT', s, d, 'INTAKE_OVERDUE');
    case 'EXTENSION_REQUEST_DUE': // seed 003: request with the mandatory report
      return notifyProvider(s, d, 'EXTENSION_REQUEST_DUE', { endDate: s.indication!.endDate });
    case 'INTERIM_EVALUATION': // seed 003: bemoeizorg evaluation with the district-team consultant
      return taskFor('CONSULTANT', s, d, 'INTERIM_EVALUATION');
    case 'END_EVALUATION': // seed 003: step-down/transfer, or risk analysis and follow-up plan
      return taskFor('CONSULTANT', s, d, 'END_EVALUATION');
    case 'IB2_REEVALUATION': // seed 001: stop, IB1 or IB3
      return taskFor('CONSULTANT', s, d, 'IB2_REEVALUATION');
    case 'SUPPORT_PLAN_REVIEW': // seed 001: discussed with the client at least yearly
      return taskFor('PROVIDER', s, d, 'SUPPORT_PLAN_REVIEW');
    case 'ALLOCATION_END':
      throw new Error('ALLOCATION_END is handled by the workflow body');
  }
}
