import type { ClosureReason } from '../domain/closure-reasons';
import { tasksOutlivingClosure } from '../domain/lifecycle';
import type { Prisma, PrismaClient, TrajectoryPhase } from '../prisma/client';
import type { TrajectoryView } from '../workflows/trajectory/contracts';
import { toDateColumn } from '../prisma/records/dates';
import { auditEventsOnce, type AuditEventInput } from './audit';

export interface TrajectoryRecordUpdate {
  trajectoryId: string;
  phase: TrajectoryPhase;
  intakeHeldAt?: string;
  /** The day the intake was held (absent before it was mirrored, and before the intake). */
  intakeHeldOn?: string;
  nextDeadlineAt: string | null;
  /** Absent from workflows that ran before the kind was mirrored. */
  nextDeadlineKind?: string | null;
  /** When the provider is reminded of that deadline, if a reminder precedes it (absent in older workflows). */
  nextReminderAt?: string | null;
  /** The workflow's whole view, for the trajectory detail (absent in workflows from before it was mirrored). */
  view?: TrajectoryView;
  /** The change's audit events, written in the same transaction (workflows that batch their writes). */
  auditEvents?: AuditEventInput[];
}

/**
 * Mirrors the workflow's phase, next deadline and view on the record, for the lists and the detail;
 * with the change's audit events in one transaction, each once per key (a retry writes nothing twice).
 */
export function updateTrajectoryRecord(prisma: PrismaClient) {
  return async ({ auditEvents = [], ...u }: TrajectoryRecordUpdate): Promise<void> => {
    const record = prisma.trajectory.updateMany({
      where: { id: u.trajectoryId, closedAt: null },
      data: {
        phase: u.phase,
        nextDeadlineAt: u.nextDeadlineAt ? new Date(u.nextDeadlineAt) : null,
        nextDeadlineKind: u.nextDeadlineKind ?? null,
        nextReminderAt: u.nextReminderAt ? new Date(u.nextReminderAt) : null,
        ...(u.intakeHeldAt && { intakeHeldAt: new Date(u.intakeHeldAt) }),
        ...(u.intakeHeldOn && { intakeHeldOn: toDateColumn(u.intakeHeldOn) }),
        ...(u.view && { view: u.view as unknown as Prisma.InputJsonObject }),
      },
    });
    if (auditEvents.length) await prisma.$transaction([auditEventsOnce(prisma, auditEvents), record]);
    else await record;
  };
}

export interface CloseTrajectoryInput {
  trajectoryId: string;
  closedAt: string;
  reason: ClosureReason;
}

/**
 * Closes the record, its active indications and its open tasks (but follow-ups) in one transaction; repeating it
 * leaves the first closure in place.
 */
export function markTrajectoryClosed(prisma: PrismaClient) {
  return async (input: CloseTrajectoryInput): Promise<void> => {
    const at = new Date(input.closedAt);
    await prisma.$transaction([
      prisma.trajectory.updateMany({
        where: { id: input.trajectoryId, closedAt: null },
        data: {
          phase: 'CLOSED',
          closedAt: at,
          closureReason: input.reason,
          nextDeadlineAt: null,
          nextDeadlineKind: null,
        },
      }),
      prisma.indication.updateMany({
        where: { trajectoryId: input.trajectoryId, status: { in: ['ACTIVE', 'PLANNED'] } },
        data: { status: 'ENDED', closedAt: at, closureReason: input.reason },
      }),
      prisma.task.updateMany({
        where: { trajectoryId: input.trajectoryId, status: 'OPEN', kind: { notIn: [...tasksOutlivingClosure] } },
        data: { status: 'CANCELLED', completedAt: at, outcome: `trajectory closed: ${input.reason}` },
      }),
    ]);
  };
}
