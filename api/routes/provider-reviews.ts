import { z } from 'zod';
import { checkReviewDate } from '../../domain/business-dates';
import { dateOf } from '../../domain/calendar';
import { nextReview, reviewDueAfter } from '../../domain/provider-reviews';
import { auditUserAction } from '../../prisma/records/audit';
import { fromDateColumn, toDateColumn } from '../../prisma/records/dates';
import { AppError, refuseRules } from '../app-error';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../operations-responses';
import { businessDate, id, text } from '../schemas';

export function providerReviewRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/providers/reviews',
      summary:
        "Every provider's yearly talk on its performance with contract management (seed 001): the last one held, what was agreed, when the next is due",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.providerReviews,
      handle: async () => {
        const providers = await prisma.provider.findMany({
          orderBy: [{ name: 'asc' }, { id: 'asc' }],
          select: {
            id: true,
            name: true,
            reviews: { orderBy: { heldOn: 'desc' }, take: 1, select: { heldOn: true, notes: true } },
          },
        });
        const today = dateOf(new Date());
        return {
          items: providers.map(({ id: providerId, name, reviews: [last] }) => {
            const lastHeldOn = last ? fromDateColumn(last.heldOn) : null;
            return { providerId, name, lastHeldOn, lastNotes: last?.notes ?? null, ...nextReview(lastHeldOn, today) };
          }),
        };
      },
    }),
    endpoint({
      method: 'post',
      path: '/providers/{providerId}/reviews',
      summary: 'Record a talk held with a provider on its performance (seed 001: at least once a year); one a day',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      status: 201,
      response: responses.providerReviewRecorded,
      params: z.object({ providerId: id }),
      body: z.strictObject({ heldOn: businessDate, notes: text(2000, { multiline: true }).optional() }),
      handle: async ({ actor, params, body }) => {
        refuseRules(checkReviewDate(body.heldOn, new Date()));
        return prisma.$transaction(async (tx) => {
          // The provider's row orders two talks of one day sent at once (the unique key backs it).
          const [provider] = await tx.$queryRaw<{ id: string }[]>`
            SELECT id FROM "Provider" WHERE id = ${params.providerId}::uuid FOR UPDATE`;
          if (!provider) throw new AppError(404, 'NOT_FOUND', `No provider ${params.providerId}`);
          const heldOn = toDateColumn(body.heldOn);
          if (await tx.providerReview.findFirst({ where: { providerId: provider.id, heldOn }, select: { id: true } }))
            throw new AppError(409, 'REVIEW_EXISTS', `A talk held on ${body.heldOn} is recorded already`, [
              { path: 'body.heldOn', rule: 'REVIEW_EXISTS', message: 'one talk a day' },
            ]);
          const review = await tx.providerReview.create({
            data: { providerId: provider.id, heldOn, notes: body.notes ?? null, recordedById: actor.id },
            select: { id: true },
          });
          await auditUserAction(tx, actor.id, {
            action: 'PROVIDER_REVIEW_RECORDED',
            data: { reviewId: review.id, providerId: provider.id, heldOn: body.heldOn },
          });
          const latest = await tx.providerReview.findFirstOrThrow({
            where: { providerId: provider.id },
            orderBy: { heldOn: 'desc' },
            select: { heldOn: true },
          });
          // The next talk counts from the latest one held, which an earlier talk recorded late is not.
          const dueOn = reviewDueAfter(fromDateColumn(latest.heldOn));
          return { id: review.id, providerId: provider.id, heldOn: body.heldOn, dueOn };
        });
      },
    }),
  ];
}
