import { z } from 'zod';
import { dateOf } from '../../domain/calendar';
import { budgetUse, tariffUnits, yearPeriod } from '../../domain/costs';
import { budgetsOf } from '../../prisma/records/budgets';
import { auditUserAction } from '../../prisma/records/audit';
import { costsPerProviderAndProduct } from '../../prisma/records/costs';
import { addTariff, lockProduct, removeTariff, tariffRow, tariffsOf } from '../../prisma/records/tariffs';
import type { Prisma } from '../../prisma/client';
import { AppError, refuseRules } from '../app-error';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../operations-responses';
import { businessDate, id, page, paged, productCode, text } from '../schemas';

/** An amount in cents: at most € 100.000 (a year of a week's tariff is far below it). */
const amountCents = z.int().min(1).max(10_000_000);

/** A tariff from a day on. */
const newTariff = z.strictObject({
  productCode,
  validFrom: businessDate,
  amountCents,
  unit: z.enum(tariffUnits),
  /** Where the amount comes from: the contract or decision that sets it. */
  source: text(200),
});

/** A tariff is of a known product, per hour for those paid per hour (seed 003), per client for the result-financed ones (seeds 000-002). */
function productRefusals(body: { productCode: string; unit: string }, volumeUnit: string | undefined) {
  if (volumeUnit === undefined)
    return [{ field: 'productCode', rule: 'UNKNOWN_PRODUCT', message: `No product ${body.productCode}` }];
  const hourly = volumeUnit === 'HOURS_PER_WEEK';
  if (hourly === (body.unit === 'PER_HOUR')) return [];
  return [
    {
      field: 'unit',
      rule: 'TARIFF_UNIT',
      message: `${body.productCode} is paid ${hourly ? 'per hour' : 'per client'}`,
    },
  ];
}

const tariffParams = z.object({ tariffId: id });
const reason = text(1000, { multiline: true });

/** What was wrong with a tariff: its amount, its unit, or both; and why. */
const tariffCorrection = z
  .strictObject({ amountCents: amountCents.optional(), unit: z.enum(tariffUnits).optional(), reason })
  .refine((b) => b.amountCents !== undefined || b.unit !== undefined, {
    path: ['amountCents'],
    message: 'name the amount or the unit that was wrong',
  });

const nothingCorrected = () =>
  new AppError(400, 'NOTHING_CHANGES', 'The tariff has this amount and unit already', [
    { path: 'body.amountCents', rule: 'TARIFF_UNCHANGED', message: 'the same amount and unit as the tariff has' },
  ]);

/** The tariff's row, held until the transaction ends; 404 when there is none. */
async function lockedTariff(tx: Prisma.TransactionClient, tariffId: string) {
  const [row] = await tx.$queryRaw<{ productCode: string; amountCents: number; unit: string }[]>`
    SELECT "productCode", "amountCents", unit::text FROM "Tariff" WHERE id = ${tariffId}::uuid FOR UPDATE`;
  if (!row) throw new AppError(404, 'NOT_FOUND', `No tariff ${tariffId}`);
  return row;
}

export function tariffRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/tariffs',
      summary: "The catalogue's tariffs: per product the amount, its unit and the days it holds",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.tariffs,
      handle: async () => ({ items: await tariffsOf(prisma) }),
    }),
    endpoint({
      method: 'post',
      path: '/tariffs',
      summary:
        "Add a product's tariff from a day on (a new contract year): the one in force before ends the day before; one tariff a day per product",
      tag: 'Operations',
      roles: ['OPERATIONS'],
      status: 201,
      response: responses.tariffAdded,
      body: newTariff,
      handle: async ({ actor, body }) =>
        prisma.$transaction(async (tx) => {
          const [product] = await lockProduct(tx, body.productCode);
          refuseRules(productRefusals(body, product?.volumeUnit));
          const added = await addTariff(tx, body);
          if (!added)
            throw new AppError(
              409,
              'TARIFF_EXISTS',
              `${body.productCode} has a tariff from ${body.validFrom} already`,
              [{ path: 'body.validFrom', rule: 'TARIFF_EXISTS', message: 'one tariff a day per product' }],
            );
          await auditUserAction(tx, actor.id, {
            action: 'TARIFF_ADDED',
            data: { tariffId: added.id, productCode: added.productCode, validFrom: added.validFrom },
          });
          return added;
        }),
    }),
    endpoint({
      method: 'post',
      path: '/tariffs/{tariffId}/correction',
      summary: 'Correct the amount or the unit of a tariff entered wrongly, with the reason (audited with both values)',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.tariffAdded,
      params: tariffParams,
      body: tariffCorrection,
      handle: async ({ actor, params, body }) =>
        prisma.$transaction(async (tx) => {
          const before = await lockedTariff(tx, params.tariffId);
          const [product] = await lockProduct(tx, before.productCode);
          const changes = {
            ...(body.amountCents !== undefined &&
              body.amountCents !== before.amountCents && { from: before.amountCents, to: body.amountCents }),
            ...(body.unit !== undefined && body.unit !== before.unit && { unitFrom: before.unit, unitTo: body.unit }),
          };
          if (!Object.keys(changes).length) throw nothingCorrected();
          refuseRules(
            productRefusals({ productCode: before.productCode, unit: body.unit ?? before.unit }, product?.volumeUnit),
          );
          const corrected = await tx.tariff.update({
            where: { id: params.tariffId },
            data: { amountCents: body.amountCents, unit: body.unit },
          });
          // About a tariff, not a client: the reason goes with the audit event.
          await auditUserAction(tx, actor.id, {
            action: 'TARIFF_CORRECTED',
            data: { tariffId: corrected.id, ...changes, reason: body.reason },
          });
          return tariffRow(corrected);
        }),
    }),
    endpoint({
      method: 'post',
      path: '/tariffs/{tariffId}/removal',
      summary:
        'Remove a tariff added by mistake (a wrong first day, say), with the reason: the one before it holds on for its days (audited with what it was)',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.tariffRemoved,
      params: tariffParams,
      body: z.strictObject({ reason }),
      handle: async ({ actor, params, body }) =>
        prisma.$transaction(async (tx) => {
          const tariff = await lockedTariff(tx, params.tariffId);
          await lockProduct(tx, tariff.productCode);
          const removed = await removeTariff(tx, params.tariffId);
          await auditUserAction(tx, actor.id, {
            action: 'TARIFF_REMOVED',
            data: {
              tariffId: removed.id,
              productCode: removed.productCode,
              validFrom: removed.validFrom,
              amountCents: removed.amountCents,
              unit: removed.unit,
              reason: body.reason,
            },
          });
          return { id: removed.id };
        }),
    }),
    endpoint({
      method: 'get',
      path: '/costs',
      summary:
        'What care cost per provider and product in a year, by the tariffs in force: allocated, and realised (days through today, or hours declared)',
      tag: 'Operations',
      roles: ['OPERATIONS'],
      response: responses.costs,
      query: page.extend({ year: z.coerce.number().int().min(2000).max(2100).optional() }),
      handle: async ({ query }) => {
        const now = new Date();
        const year = query.year ?? Number(dateOf(now).slice(0, 4));
        // A row per provider and product: few enough to page in memory with an exact total.
        const [{ rows, trajectories }, budgets, products] = await Promise.all([
          costsPerProviderAndProduct(prisma, yearPeriod(year), now),
          budgetsOf(prisma, year),
          prisma.product.findMany({ select: { code: true, region: true } }),
        ]);
        const regionOf = new Map(products.map((p) => [p.code, p.region]));
        const { limit, offset } = query;
        return {
          ...paged(rows.slice(offset, offset + limit), rows.length, { limit, offset }),
          trajectories,
          budgets: budgetUse(rows, regionOf, budgets),
        };
      },
    }),
  ];
}
