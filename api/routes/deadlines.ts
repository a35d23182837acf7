import { z } from 'zod';
import * as responses from '../responses';
import type { Prisma } from '../../prisma/client';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { page, pageOf } from '../schemas';
import { trajectoryScope } from '../scope';

/** What is coming for a provider: its trajectories' next deadlines. */
export function deadlineRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/deadlines',
      summary:
        "Own trajectories' next deadlines (what is due and when, and when its reminder comes) within N days (default 30), soonest first",
      tag: 'Provider',
      roles: ['PROVIDER'],
      response: responses.deadlines,
      query: page.extend({ withinDays: z.coerce.number().int().min(0).max(366).default(30) }),
      handle: async ({ actor, query }) => {
        const now = new Date();
        const where: Prisma.TrajectoryWhereInput = {
          ...trajectoryScope(actor),
          phase: { not: 'CLOSED' },
          nextDeadlineAt: { gte: now, lte: new Date(now.getTime() + query.withinDays * 86_400_000) },
        };
        return pageOf(
          query,
          async (window) =>
            (
              await prisma.trajectory.findMany({
                where,
                orderBy: [{ nextDeadlineAt: 'asc' }, { id: 'asc' }],
                ...window,
                select: { id: true, phase: true, nextDeadlineAt: true, nextDeadlineKind: true, nextReminderAt: true },
              })
            ).map((t) => ({
              trajectoryId: t.id,
              phase: t.phase,
              kind: t.nextDeadlineKind,
              dueAt: t.nextDeadlineAt,
              reminderAt: t.nextReminderAt,
            })),
          () => prisma.trajectory.count({ where }),
        );
      },
    }),
  ];
}
