import { Prisma, type PrismaClient } from '../client';

/*
 * domain/deadlines.ts `taskTiming` in the database, so that counts and lists say "te laat" of the
 * same tasks the work list does: late had time and its time passed; at once was raised when (or
 * after) it was due and is never late (a missed intake, a decision to take). Both forms are here:
 * a filter for Prisma's queries, and a condition for raw SQL on the "Task" table.
 */

/** Open tasks late, or to do at once, as a filter. */
export function openTasksTimed(prisma: PrismaClient, timing: 'LATE' | 'AT_ONCE', now: Date): Prisma.TaskWhereInput {
  const raised = prisma.task.fields.createdAt;
  return {
    status: 'OPEN',
    dueAt: timing === 'LATE' ? { lte: now, gt: raised } : { lte: raised },
  };
}

/** Open tasks late, or to do at once, as a condition on "Task" rows. */
export const openTasksTimedSql = (timing: 'LATE' | 'AT_ONCE', now: Date): Prisma.Sql =>
  timing === 'LATE'
    ? Prisma.sql`status = 'OPEN' AND "dueAt" <= ${now} AND "dueAt" > "createdAt"`
    : Prisma.sql`status = 'OPEN' AND "dueAt" <= "createdAt"`;
