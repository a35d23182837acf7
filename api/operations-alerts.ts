import { z } from 'zod';
import * as responses from './operations-responses';
import type { RouteDeps } from './deps';
import { endpoint, type Endpoint } from './endpoint';
import { AppError } from './app-error';
import { id, page, pageOf } from './schemas';

/** Operations' list of what is stuck, and marking an alert as handled. */
export function operationsAlertRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/alerts',
      summary: 'Alerts for operations: trajectories whose workflow is not running or keeps failing (newest first)',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.alerts,
      query: page.extend({ resolved: z.enum(['true', 'false']).default('false') }),
      handle: ({ query }) => {
        const where = { resolvedAt: query.resolved === 'true' ? { not: null } : null };
        return pageOf(
          query,
          (window) =>
            prisma.operationsAlert.findMany({ where, orderBy: [{ lastSeenAt: 'desc' }, { id: 'asc' }], ...window }),
          () => prisma.operationsAlert.count({ where }),
        );
      },
    }),
    endpoint({
      method: 'post',
      path: '/alerts/{alertId}/resolve',
      summary: 'Mark an alert as handled',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.resolvedAlert,
      params: z.object({ alertId: id }),
      handle: async ({ params }) => {
        const { count } = await prisma.operationsAlert.updateMany({
          where: { id: params.alertId, resolvedAt: null },
          data: { resolvedAt: new Date() },
        });
        if (count === 0) throw new AppError(404, 'ALERT_NOT_FOUND', `No open alert ${params.alertId}`);
        return prisma.operationsAlert.findUniqueOrThrow({ where: { id: params.alertId } });
      },
    }),
  ];
}
