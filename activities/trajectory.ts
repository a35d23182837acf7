import type { ClosureReason } from '../domain/closure-reasons';
import { tasksOutlivingClosure } from '../domain/lifecycle';
import { Prisma, type PrismaClient, type TrajectoryPhase } from '../prisma/client';
import type { TrajectoryView } from '../workflows/trajectory/contracts';
import { insertAuditEvents } from '../prisma/records/audit';
import { insertNoShows, type NoShowRecord } from '../prisma/records/no-shows';
import type { AuditEventInput } from './audit';
import { insertTasks, type OpenTask } from './tasks';

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
  /** The no-show the change recorded, in the same transaction (workflows that fold it into the batched write). */
  noShows?: NoShowRecord[];
  /** The tasks the change opened, in the same transaction (the provider's intake task at the start). */
  tasks?: OpenTask[];
}

/**
 * Mirrors the workflow's phase, next deadline and view on the record, for the lists and the detail;
 * with the change's audit events in one transaction, each once per key (a retry writes nothing twice).
 */
export function updateTrajectoryRecord(prisma: PrismaClient) {
  return async ({ auditEvents = [], noShows = [], tasks = [], ...u }: TrajectoryRecordUpdate): Promise<void> => {
    // One statement, record, audit events, no-shows and tasks (the hot path of every change: Prisma's transaction took four round trips).
    const rows = [
      ...(auditEvents.length ? [Prisma.sql`audited AS (${insertAuditEvents(auditEvents)})`] : []),
      ...(noShows.length ? [Prisma.sql`no_shows AS (${insertNoShows(noShows)})`] : []),
      ...(tasks.length ? [Prisma.sql`opened AS (${insertTasks(tasks)})`] : []),
    ];
    const written = rows.length ? Prisma.sql`WITH ${Prisma.join(rows, ', ')}` : Prisma.empty;
    await prisma.$executeRaw`${written}
      UPDATE "Trajectory" SET
        phase = ${u.phase}::"TrajectoryPhase",
        "nextDeadlineAt" = ${u.nextDeadlineAt}::timestamptz,
        "nextDeadlineKind" = ${u.nextDeadlineKind ?? null},
        "nextReminderAt" = ${u.nextReminderAt ?? null}::timestamptz,
        "intakeHeldAt" = COALESCE(${u.intakeHeldAt ?? null}::timestamptz, "intakeHeldAt"),
        "intakeHeldOn" = COALESCE(${u.intakeHeldOn ?? null}::date, "intakeHeldOn"),
        view = COALESCE(${u.view ? JSON.stringify(u.view) : null}::jsonb, view),
        "updatedAt" = now()
      WHERE id = ${u.trajectoryId}::uuid AND "closedAt" IS NULL`;
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
