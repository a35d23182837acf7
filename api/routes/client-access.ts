import { z } from 'zod';
import { endOfDay, startOfDay } from '../../domain/calendar';
import { accessLogOf, recordAccess } from '../../prisma/records/client-access';
import { AppError, refuseRules } from '../app-error';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../responses';
import { bsn, businessDate, page, pageOf } from '../schemas';

/** The client by BSN (in the body: URLs end up in logs), and the days to look at, inclusive, in Amsterdam. */
const lookup = z.strictObject({ bsn, from: businessDate.optional(), to: businessDate.optional() });

export function clientAccessRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/clients/access-log',
      summary:
        "Who saw the data of the client with this BSN, when and how (NEN 7513): for the client's request to know, or a check on who looked; the latest first, and the lookup itself is logged too",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.accessLog,
      query: page,
      body: lookup,
      handle: async ({ actor, query, body }) => {
        if (body.from !== undefined && body.to !== undefined && body.to < body.from) {
          refuseRules([{ field: 'to', rule: 'PERIOD', message: `${body.to} is before ${body.from}` }]);
        }
        const client = await prisma.clientIdentity.findUnique({ where: { bsn: body.bsn }, select: { clientId: true } });
        if (!client) throw new AppError(404, 'NOT_FOUND', 'No client with this BSN');
        const log = accessLogOf(prisma, client.clientId, {
          from: body.from === undefined ? undefined : startOfDay(body.from),
          until: body.to === undefined ? undefined : endOfDay(body.to),
        });
        const answer = await pageOf(query, log.lines, log.count);
        await recordAccess(prisma, actor, 'ACCESS_LOG_READ', [{ clientId: client.clientId }]);
        return answer;
      },
    }),
  ];
}
