import { z } from 'zod';
import { Region } from '../../prisma/client';
import { setBudget } from '../../prisma/records/budgets';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../operations-responses';

/** Whole euros, at most a billion: a region's year of individual guidance is tens of millions. */
const amountEuros = z.int().min(1).max(1_000_000_000);

/** Contract management sets what a region may spend in a year (DOMAIN.md: affordability, "within budget"). */
export function budgetRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/budgets',
      summary:
        "Set a region's budget for a year in whole euros (again: the new amount stands); GET /costs shows it beside the year's costs",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.budget,
      body: z.strictObject({ region: z.enum(Region), year: z.int().min(2000).max(2100), amountEuros }),
      handle: async ({ actor, body }) => {
        await setBudget(prisma, { ...body, actorId: actor.id });
        return body;
      },
    }),
  ];
}
