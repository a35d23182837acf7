import { z } from 'zod';
import { endOfDay, startOfDay } from '../../domain/calendar';
import { accessLogOf, recordAccess } from '../../prisma/records/client-access';
import { AppError, refuseRules } from '../app-error';
import type { Actor } from '../auth';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../operations-responses';
import { bsn, businessDate, id, page, pageOf, type Page } from '../schemas';

/**
 * Whose looks: a client's, by BSN (in the body: URLs end up in logs), or a person's who works with
 * clients (by user id); and the days to look at, inclusive, in Amsterdam.
 */
const lookup = z
  .strictObject({
    bsn: bsn.optional(),
    userId: id.optional(),
    from: businessDate.optional(),
    to: businessDate.optional(),
  })
  .transform((b, ctx) => {
    const period = { from: b.from, to: b.to };
    if (b.bsn !== undefined && b.userId === undefined) return { bsn: b.bsn, ...period };
    if (b.userId !== undefined && b.bsn === undefined) return { userId: b.userId, ...period };
    ctx.issues.push({ code: 'custom', input: b, message: 'send either bsn or userId' });
    return z.NEVER;
  });
type Lookup = z.output<typeof lookup>;

const periodOf = ({ from, to }: Lookup) => ({
  from: from === undefined ? undefined : startOfDay(from),
  until: to === undefined ? undefined : endOfDay(to),
});

export function clientAccessRoutes({ prisma }: RouteDeps): Endpoint[] {
  /** Who saw the client's data; the lookup is a look at it too, logged after the answer is read. */
  async function ofClient(actor: Actor, body: Lookup & { bsn: string }, window: Page) {
    const client = await prisma.clientIdentity.findUnique({ where: { bsn: body.bsn }, select: { clientId: true } });
    if (!client) throw new AppError(404, 'NOT_FOUND', 'No client with this BSN');
    const log = accessLogOf(prisma, { clientId: client.clientId }, periodOf(body));
    const answer = await pageOf(window, log.lines, log.count);
    await recordAccess(prisma, actor, 'ACCESS_LOG_READ', [{ clientId: client.clientId }]);
    return answer;
  }

  /** Whose data a person saw, by trajectory (ids only: no client's data are in the answer). */
  async function ofPerson(body: Lookup & { userId: string }, window: Page) {
    const user = await prisma.user.findUnique({ where: { id: body.userId }, select: { id: true } });
    if (!user) throw new AppError(404, 'NOT_FOUND', `No user ${body.userId}`);
    const log = accessLogOf(prisma, { userId: user.id }, periodOf(body));
    return pageOf(window, log.lines, log.count);
  }

  return [
    endpoint({
      method: 'post',
      path: '/access-log',
      summary:
        "Who saw the data of the client with this BSN (the client's request to know; the lookup is logged too), or what a person saw (a check on looks without cause), when and how (NEN 7513): the latest first",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.accessLog,
      query: page,
      body: lookup,
      handle: async ({ actor, query, body }) => {
        if (body.from !== undefined && body.to !== undefined && body.to < body.from) {
          refuseRules([{ field: 'to', rule: 'PERIOD', message: `${body.to} is before ${body.from}` }]);
        }
        return 'bsn' in body ? ofClient(actor, body, query) : ofPerson(body, query);
      },
    }),
  ];
}
