import { isTaskKind } from '../domain/lifecycle';
import type { Prisma, Task } from '../prisma/client';
import { byRecipientRole, writeOutbox } from '../prisma/records/outbox';
import { deliveryStarter } from '../activities/delivery/starter';
import { defaultDeliveryRetry, deliveryWorkflowId } from '../workflows/delivery/contracts';
import type { TaskAssignedPayload } from '../activities/delivery/messages';
import type { RouteDeps } from './deps';
import { withinTime } from './temporal-calls';

/** How long an assignment waits for Temporal to take its e-mail; past it, the e-mail is dead-lettered. */
const START_TIMEOUT_MS = 3_000;

type Outboxed = Pick<Awaited<ReturnType<typeof writeOutbox>>, 'notificationId' | 'pending'>;

/**
 * A task a colleague gave someone is told to them (TASK_ASSIGNED): in their inbox, and by e-mail
 * as their preference for the kind says. The notification is written in the assignment's
 * transaction; its sending starts after the commit, and a start that fails leaves the e-mail
 * dead-lettered, where operations see it and can send it again (as a retry of theirs does).
 */
export function assignmentNotices({
  prisma,
  temporal,
  taskQueue,
  deliveryRetry,
}: Pick<RouteDeps, 'prisma' | 'temporal' | 'taskQueue' | 'deliveryRetry'>) {
  const start = deliveryStarter(temporal, taskQueue, deliveryRetry ?? defaultDeliveryRetry);
  return {
    /** Undefined for a task of a kind this version does not know (nothing to name it by). */
    async write(
      tx: Prisma.TransactionClient,
      task: Task,
      assigneeId: string,
      key: string,
    ): Promise<Outboxed | undefined> {
      if (!isTaskKind(task.kind)) return undefined;
      const payload: TaskAssignedPayload = {
        trajectoryId: task.trajectoryId,
        taskId: task.id,
        taskKind: task.kind,
        dueAt: task.dueAt.toISOString(),
      };
      return writeOutbox(
        tx,
        {
          idempotencyKey: `task-assigned:${key}`,
          trajectoryId: task.trajectoryId,
          recipientRole: task.assigneeRole,
          ...(task.teamId && { teamId: task.teamId }),
          ...(task.providerId && { providerId: task.providerId }),
          userId: assigneeId,
          kind: 'TASK_ASSIGNED',
          payload,
        },
        byRecipientRole,
      );
    },
    send,
    /**
     * What a process that died between an assignment's commit and its start left unsent, sent by the
     * next start of the API (as registrations' workflows are: api/workflow-starts.ts). Never tried and
     * never retried by operations: a delivery that was tried has its workflow already, which joining
     * (the same workflow id) leaves as it is. Returns how many deliveries it found.
     */
    async resume(): Promise<number> {
      const stranded = await prisma.delivery.findMany({
        where: { state: 'PENDING', attempts: 0, retries: 0, notification: { kind: 'TASK_ASSIGNED' } },
        select: { id: true, notificationId: true },
        orderBy: { id: 'asc' },
      });
      const byNotification = new Map<string, string[]>();
      for (const d of stranded)
        byNotification.set(d.notificationId, [...(byNotification.get(d.notificationId) ?? []), d.id]);
      for (const [notificationId, pending] of byNotification) await send({ notificationId, pending });
      return stranded.length;
    },
  };

  async function send(outboxed: Outboxed | undefined): Promise<void> {
    if (!outboxed || outboxed.pending.length === 0) return;
    const { notificationId, pending } = outboxed;
    try {
      await withinTime(temporal, START_TIMEOUT_MS, () => start(deliveryWorkflowId(notificationId), pending));
    } catch (error) {
      await prisma.delivery.updateMany({
        where: { id: { in: pending }, state: 'PENDING' },
        data: { state: 'DEAD', lastError: `The sending could not start: ${(error as Error).message}` },
      });
    }
  }
}
