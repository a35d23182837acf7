import { kpisPerProviderAndProduct } from '../../prisma/records/kpis';
import * as responses from '../operations-responses';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { id, page, paged, productCode } from '../schemas';

export function kpiRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/kpis',
      summary: 'KPIs per provider and product: throughput times, outflow, step-down, open and overdue tasks',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.kpis,
      query: page.extend({ providerId: id.optional(), product: productCode.optional() }),
      handle: async ({ query }) => {
        // A row per provider and product: few enough to page in memory with an exact total.
        const rows = await kpisPerProviderAndProduct(prisma, query, new Date());
        const { limit, offset } = query;
        return paged(rows.slice(offset, offset + limit), rows.length, { limit, offset });
      },
    }),
  ];
}
