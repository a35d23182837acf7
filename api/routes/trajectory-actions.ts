import { WorkflowNotFoundError, WorkflowUpdateFailedError } from '@temporalio/client';
import type { UpdateDefinition } from '@temporalio/common';
import { z } from 'zod';
import type { Role } from '../../prisma/client';
import { checkProductFit, productConditions } from '../../domain/indication-rules';
import { endEvaluationOutcomes } from '../../domain/lifecycle';
import {
  changeEndDate,
  changeProduct,
  close,
  correctHours,
  correctIntake,
  decideExpansion,
  decideExtension,
  decideIndication,
  declareHours,
  recordEndEvaluation,
  recordIntake,
  recordNoShow,
  requestExpansion,
  requestExtension,
  type CorrectHours,
  type DeclareHours,
} from '../../workflows/trajectory/contracts';
import { refuseRules } from '../app-error';
import * as responses from '../responses';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import {
  businessDate,
  closureReason,
  hoursPerWeek,
  instant,
  productCode,
  trajectoryParams,
  zrmScores,
} from '../schemas';
import { scopedTrajectory } from '../scope';
import { withinTime } from '../temporal-calls';
import {
  correctionReason,
  dropCorrection,
  dropMotivationOf,
  dropReport,
  fileCorrection,
  fileMotivated,
  fileReport,
  motivatedWhenRefused,
  motivation,
  refusalNeedsMotivation,
  report,
} from './trajectory-filings';
import { trajectoryHandle } from '../trajectory-workflow';
import { fromDateColumn } from '../../prisma/records/dates';

/** How long a change may wait for its workflow (a worker that is down, Temporal away) before 503. */
export const UPDATE_TIMEOUT_MS = 15_000;

const minutesInAMonth = 31 * 24 * 60;
const minutes = z.int().min(0).max(minutesInAMonth);

/**
 * A month's minutes as declared (seed 003): direct includes digital; group contact time is this
 * client's share of group sessions (none when left out, as before it was a category).
 */
const monthFigures = z.strictObject({
  month: businessDate,
  directMinutes: minutes,
  indirectMinutes: minutes,
  digitalMinutes: minutes,
  groupMinutes: minutes.default(0),
});

const indicationBody = z.strictObject({
  productCode,
  startDate: businessDate,
  endDate: businessDate,
  hoursPerWeek: hoursPerWeek.nullable(),
  zrm: zrmScores,
  /** With the category's surcharge (opslag, seed 001: (very) severe behavioural problems). */
  surcharge: z.boolean().optional(),
  /** The product's conditions the consultant confirms hold (seed 004, IB4-MO: "uitsluitend indien"). */
  conditions: z.array(z.enum(productConditions)).max(productConditions.length).optional(),
});

/**
 * Whether the product may be decided for this client by this team (region, age limit): the
 * workflow holds no personal data, so the date of birth is checked here. An unknown product is
 * left to the workflow (400). Returns the surcharge asked for: the catalogue's opslag on this
 * category, or a refusal on `surcharge` where it has none.
 */
async function requireProductFit(
  deps: RouteDeps,
  trajectoryId: string,
  decision: { productCode: string; startDate: string; surcharge?: boolean; conditions?: string[] },
): Promise<string | undefined> {
  const [product, surcharge, trajectory] = await Promise.all([
    deps.prisma.product.findUnique({ where: { code: decision.productCode } }),
    decision.surcharge
      ? deps.prisma.product.findFirst({
          where: { surchargeFor: { has: decision.productCode } },
          select: { code: true },
        })
      : null,
    deps.prisma.trajectory.findUniqueOrThrow({
      where: { id: trajectoryId },
      select: {
        team: { select: { region: true } },
        client: { select: { identity: { select: { dateOfBirth: true } } } },
      },
    }),
  ]);
  const born = trajectory.client.identity?.dateOfBirth;
  const bornOn = born && fromDateColumn(born);
  if (!product || !bornOn) return undefined;
  const violations = checkProductFit(product, {
    teamRegion: trajectory.team.region,
    clientBornOn: bornOn,
    startDate: decision.startDate,
    conditionsMet: decision.conditions ?? [],
  }).map((v) => ({ field: v.field ?? 'productCode', rule: v.rule, message: v.message }));
  if (decision.surcharge && !surcharge)
    violations.push({
      field: 'surcharge',
      rule: `${product.code}.NO_SURCHARGE`,
      message: `${product.code} has no surcharge`,
    });
  refuseRules(violations);
  return surcharge?.code;
}

/** A decision's or product change's body as the workflow takes it: the product fits, and the surcharge is named by its code. */
const fittedIndication =
  (deps: RouteDeps) =>
  async ({ surcharge, conditions, ...decision }: z.output<typeof indicationBody>, ctx: { trajectoryId: string }) => {
    const surchargeCode = await requireProductFit(deps, ctx.trajectoryId, { ...decision, surcharge, conditions });
    return { ...decision, ...(surchargeCode && { surchargeCode }) };
  };

/**
 * A change to one trajectory, done by a workflow update: the workflow checks the state and the
 * rules, writes the records and the audit event (with the actor) through its activities.
 */
function action<B extends z.ZodType, A extends object, S extends z.ZodType, R extends z.input<S>>(
  deps: RouteDeps,
  spec: {
    path: string;
    summary: string;
    roles: readonly Role[];
    body: B;
    /** What the workflow's update answers, which the API passes on. */
    response: S;
    update: UpdateDefinition<R, [A & { actorId: string }]>;
    args: (body: z.output<B>, ctx: { trajectoryId: string; actorId: string }) => Promise<A> | A;
    /** Undoes what `args` stored when the workflow refuses the change. */
    undo?: (args: A) => Promise<unknown>;
  },
): Endpoint {
  return endpoint({
    method: 'post',
    path: `/trajectories/{trajectoryId}/${spec.path}`,
    summary: spec.summary,
    tag: 'Trajectory actions',
    roles: spec.roles,
    params: trajectoryParams,
    body: spec.body,
    response: spec.response,
    handle: async ({ actor, params, body, updateId }) => {
      const { trajectoryId } = params;
      await scopedTrajectory(deps.prisma, actor, trajectoryId, { id: true });
      const args = await spec.args(body, { trajectoryId, actorId: actor.id });
      try {
        return await withinTime(deps.temporal, UPDATE_TIMEOUT_MS, () =>
          trajectoryHandle(deps.temporal, trajectoryId).executeUpdate(spec.update, {
            args: [{ ...args, actorId: actor.id }],
            // Names the update in the workflow's history (the request id, or the Idempotency-Key's): a change
            // can be traced to its request, and a retry with the same key joins the first attempt's update.
            updateId,
          }),
        );
      } catch (error) {
        // Only what the workflow refused or never received is undone: after a timeout it may hold the change.
        if (error instanceof WorkflowUpdateFailedError || error instanceof WorkflowNotFoundError)
          await spec.undo?.(args);
        throw error;
      }
    },
  });
}

export function trajectoryActions(deps: RouteDeps): Endpoint[] {
  const consultant = ['CONSULTANT'] as const;
  const provider = ['PROVIDER'] as const;
  return [
    action(deps, {
      path: 'intake',
      summary:
        'Record the intake; a client who does not fit the provider (suitable: false) with the motivation the consultant reads',
      roles: provider,
      response: responses.trajectoryView,
      body: z
        .strictObject({ heldOn: businessDate, suitable: z.boolean().optional(), motivation })
        .refine((b) => b.suitable !== false || b.motivation !== undefined, {
          path: ['motivation'],
          message: 'required when the client does not fit',
        })
        .refine((b) => b.suitable === false || b.motivation === undefined, {
          path: ['motivation'],
          message: 'only when the client does not fit (suitable: false)',
        }),
      update: recordIntake,
      args: (b, ctx) => fileMotivated(deps, 'INTAKE', b, ctx),
      undo: (args) => dropMotivationOf(deps, args),
    }),
    action(deps, {
      path: 'intake-correction',
      summary: 'Correct the day the intake was held, with the reason',
      roles: provider,
      response: responses.trajectoryView,
      body: z.strictObject({ heldOn: businessDate, reason: correctionReason }),
      update: correctIntake,
      args: async ({ heldOn, reason }, ctx) => ({ heldOn, ...(await fileCorrection(deps, 'INTAKE', reason, ctx)) }),
      undo: (args) => dropCorrection(deps, args),
    }),
    action(deps, {
      path: 'indication',
      summary: 'Decide the indication (product, period, volume, ZRM scores)',
      roles: consultant,
      response: responses.trajectoryView,
      body: indicationBody,
      update: decideIndication,
      args: fittedIndication(deps),
    }),
    action(deps, {
      path: 'hour-declarations',
      summary: "Declare a month's hours (direct, indirect, digital, group; digital is part of direct)",
      roles: provider,
      response: responses.declarationOutcome,
      body: monthFigures,
      update: declareHours,
      args: (b): Omit<DeclareHours, 'actorId'> => b,
    }),
    action(deps, {
      path: 'hour-corrections',
      summary: "Correct a declared month's hours (all figures as they should be), with the reason",
      roles: provider,
      response: responses.declarationOutcome,
      body: monthFigures.extend({ reason: correctionReason }),
      update: correctHours,
      args: async ({ reason, ...figures }, ctx): Promise<Omit<CorrectHours, 'actorId'>> => ({
        ...figures,
        ...(await fileCorrection(deps, 'HOURS', reason, ctx)),
      }),
      undo: (args) => dropCorrection(deps, args),
    }),
    action(deps, {
      path: 'no-shows',
      summary: 'Record a no-show',
      roles: provider,
      response: responses.noShowOutcome,
      body: z.strictObject({ occurredAt: instant, afterKeptAppointment: z.boolean().default(false) }),
      update: recordNoShow,
      args: (b) => b,
    }),
    action(deps, {
      path: 'extension-request',
      summary: 'Request an extension with the mandatory report',
      roles: provider,
      response: responses.trajectoryView,
      body: z.strictObject({ report }),
      update: requestExtension,
      args: (b, ctx) => fileReport(deps, 'EXTENSION', b.report, ctx),
      undo: (args) => dropReport(deps, args),
    }),
    action(deps, {
      path: 'expansion-request',
      summary: 'Request more hours per week (uitbreiding) with a report',
      roles: provider,
      response: responses.trajectoryView,
      body: z.strictObject({ report, hoursPerWeek }),
      update: requestExpansion,
      args: async (b, ctx) => ({
        ...(await fileReport(deps, 'EXPANSION', b.report, ctx)),
        hoursPerWeek: b.hoursPerWeek,
      }),
      undo: (args) => dropReport(deps, args),
    }),
    action(deps, {
      path: 'expansion-decision',
      summary:
        'Decide the expansion request (granted: the new hours per week, default as requested; refused: with the motivation the provider reads)',
      roles: consultant,
      response: responses.trajectoryView,
      body: z
        .strictObject({ granted: z.boolean(), hoursPerWeek: hoursPerWeek.optional(), motivation })
        .refine(motivatedWhenRefused, refusalNeedsMotivation),
      update: decideExpansion,
      args: (b, ctx) => fileMotivated(deps, 'EXPANSION', b, ctx),
      undo: (args) => dropMotivationOf(deps, args),
    }),
    action(deps, {
      path: 'extension-decision',
      summary: 'Decide the extension request (refused: with the motivation the provider reads)',
      roles: consultant,
      response: responses.trajectoryView,
      body: z
        .strictObject({ granted: z.boolean(), newEndDate: businessDate.optional(), motivation })
        .refine((b) => !b.granted || b.newEndDate, { path: ['newEndDate'], message: 'required when granted' })
        .refine(motivatedWhenRefused, refusalNeedsMotivation),
      update: decideExtension,
      args: (b, ctx) => fileMotivated(deps, 'EXTENSION', b, ctx),
      undo: (args) => dropMotivationOf(deps, args),
    }),
    action(deps, {
      path: 'product-change',
      summary: 'Step up or down to another product (op- en afschalen)',
      roles: consultant,
      response: responses.trajectoryView,
      body: indicationBody,
      update: changeProduct,
      args: fittedIndication(deps),
    }),
    action(deps, {
      path: 'end-date',
      summary: 'Move the end date of the current allocation',
      roles: consultant,
      response: responses.trajectoryView,
      body: z.strictObject({ newEndDate: businessDate }),
      update: changeEndDate,
      args: (b) => b,
    }),
    action(deps, {
      path: 'end-evaluation',
      summary: 'Record the bemoeizorg end evaluation',
      roles: consultant,
      response: responses.trajectoryView,
      body: z.strictObject({ outcome: z.enum(endEvaluationOutcomes) }),
      update: recordEndEvaluation,
      args: (b) => b,
    }),
    action(deps, {
      path: 'close',
      summary: 'Close the trajectory with an iWmo stop reason',
      roles: consultant,
      response: responses.trajectoryView,
      body: z.strictObject({ reason: closureReason }),
      update: close,
      args: (b) => b,
    }),
  ];
}
