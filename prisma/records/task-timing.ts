import type { Prisma, PrismaClient } from '../client';

/**
 * domain/deadlines.ts `taskTiming` as a database filter on open tasks, so that counts and lists
 * say "te laat" of the same tasks the work list does: late had time and its time passed; at once
 * was raised when (or after) it was due and is never late (a missed intake, a decision to take).
 */
export function openTasksTimed(prisma: PrismaClient, timing: 'LATE' | 'AT_ONCE', now: Date): Prisma.TaskWhereInput {
  const raised = prisma.task.fields.createdAt;
  return {
    status: 'OPEN',
    dueAt: timing === 'LATE' ? { lte: now, gt: raised } : { lte: raised },
  };
}
