import { z } from 'zod';
import type { Prisma } from '../../prisma/client';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { page, pageOf } from '../schemas';
import { nothing, trajectoryScope } from '../scope';

/** What a provider is told and what is coming: its notifications and its trajectories' next deadlines. */
export function providerInboxRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/notifications',
      summary: 'Own notifications, newest first',
      tag: 'Provider',
      roles: ['PROVIDER'],
      query: page,
      handle: async ({ actor, query }) => {
        // The database requires a provider for this role; the guard keeps a missing one from widening the filter.
        const where: Prisma.NotificationWhereInput = actor.providerId
          ? { recipientRole: 'PROVIDER', providerId: actor.providerId }
          : nothing;
        return pageOf(
          query,
          (window) =>
            prisma.notification.findMany({
              where,
              orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
              ...window,
              select: { id: true, trajectoryId: true, kind: true, payload: true, state: true, createdAt: true },
            }),
          () => prisma.notification.count({ where }),
        );
      },
    }),
    endpoint({
      method: 'get',
      path: '/deadlines',
      summary: "Own trajectories' next deadlines (what and when) within N days (default 30), soonest first",
      tag: 'Provider',
      roles: ['PROVIDER'],
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
                select: { id: true, phase: true, nextDeadlineAt: true, nextDeadlineKind: true },
              })
            ).map((t) => ({ trajectoryId: t.id, phase: t.phase, kind: t.nextDeadlineKind, dueAt: t.nextDeadlineAt })),
          () => prisma.trajectory.count({ where }),
        );
      },
    }),
  ];
}
