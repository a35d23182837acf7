import { z } from 'zod';
import { checkPlanDate } from '../../domain/business-dates';
import {
  checkContactAgreement,
  checkPlanGoals,
  contactApproaches,
  MAX_CONTACT_WEEKS,
  planStart,
  zrmExpectations,
} from '../../domain/support-plan';
import { isZrmDomain, zrmDomains } from '../../domain/zrm';
import type { Prisma } from '../../prisma/client';
import { auditUserAction } from '../../prisma/records/audit';
import { refreshPlanResults, sealedGoal } from '../../prisma/records/support-plan';
import { zrmAssessmentsOf } from '../../prisma/records/zrm-assessments';
import { toDateColumn } from '../../prisma/records/dates';
import { AppError, refuseRules } from '../app-error';
import type { Actor } from '../auth';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../responses';
import { businessDate, text, trajectoryParams } from '../schemas';
import { lockTrajectory, runningIndication } from '../scope';

/** Per domain of the matrix: what the plan expects of it and the result sought, in the plan's words. */
const goals = z
  .partialRecord(
    z.enum(zrmDomains),
    z.strictObject({ expected: z.enum(zrmExpectations), result: text(1000, { multiline: true }) }),
  )
  .refine((g) => Object.keys(g).length > 0, { message: 'plan at least one domain' });

/** The contact moments a plan agrees (seed 000, IB0): every so many weeks, and who takes the initiative. */
const contact = z.strictObject({
  everyWeeks: z.int().min(1).max(MAX_CONTACT_WEEKS),
  approach: z.enum(contactApproaches),
});

/** The yearly review is done by the new plan: its open tasks close, each audited as a task completed. */
async function completeReviews(tx: Prisma.TransactionClient, actor: Actor, trajectoryId: string, at: Date) {
  const open = await tx.task.findMany({
    where: { trajectoryId, kind: 'SUPPORT_PLAN_REVIEW', status: 'OPEN' },
    select: { id: true },
  });
  for (const task of open) {
    await tx.task.update({
      where: { id: task.id },
      data: { status: 'DONE', completedAt: at, completedById: actor.id },
    });
    await auditUserAction(tx, actor.id, {
      trajectoryId,
      action: 'TASK_COMPLETED',
      data: { taskId: task.id, kind: 'SUPPORT_PLAN_REVIEW' },
    });
  }
  return open.length;
}

export function supportPlanRoutes({ prisma, secrets }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/trajectories/{trajectoryId}/support-plans',
      summary:
        'Record the support plan agreed with the client: per ZRM domain the development expected and the result sought (seeds 001-003); it completes the yearly review',
      tag: 'Trajectory actions',
      roles: ['PROVIDER'],
      response: responses.supportPlanRecorded,
      params: trajectoryParams,
      body: z.strictObject({ agreedOn: businessDate, goals, contact: contact.optional() }),
      handle: async ({ actor, params, body }) => {
        const { trajectoryId } = params;
        const indication = await runningIndication(prisma, actor, trajectoryId, 'A support plan is agreed');
        const at = new Date();
        refuseRules([
          ...checkPlanDate(body.agreedOn, indication.period, at),
          ...checkContactAgreement(indication.product, body.contact),
        ]);
        return prisma.$transaction(async (tx) => {
          // One plan a day per trajectory: the trajectory's row orders two sent at once (the unique key backs it).
          await lockTrajectory(tx, trajectoryId);
          const sameDay = { trajectoryId, agreedOn: toDateColumn(body.agreedOn) };
          if (await tx.supportPlan.findFirst({ where: sameDay, select: { id: true } }))
            throw new AppError(409, 'PLAN_ALREADY_RECORDED', `A support plan was agreed on ${body.agreedOn} already`, [
              { path: 'body.agreedOn', rule: 'PLAN_ALREADY_RECORDED', message: 'one plan a day' },
            ]);
          const planned = Object.entries(body.goals).flatMap(([domain, goal]) =>
            isZrmDomain(domain) && goal ? [{ domain, ...goal }] : [],
          );
          // Seed 001 says which domains the Drechtsteden's IB works on; Zuid-Oost Utrecht's contract (003) has no ZRM.
          // Read once: for the rule and, below, for the plan's results. IB0 is for clients stable on every domain
          // (seed 000: "geschikt voor klanten die op alle leefgebieden van de ZRM stabiel zijn"): its plan keeps them
          // so, where seed 001's rule (domains scored 2 or 3) would refuse every goal.
          const measured = indication.region === 'SDD' ? await zrmAssessmentsOf(tx, secrets, trajectoryId) : undefined;
          if (measured && !indication.product.requiresStableZrm) {
            const atStart = planStart(measured, body.agreedOn);
            refuseRules(
              checkPlanGoals(
                planned.map((g) => g.domain),
                atStart,
              ),
            );
          }
          const { id } = await tx.supportPlan.create({
            data: {
              ...sameDay,
              indicationId: indication.id,
              recordedById: actor.id,
              ...(body.contact && {
                contactEveryWeeks: body.contact.everyWeeks,
                contactApproach: body.contact.approach,
              }),
              goals: { create: planned.map((g) => sealedGoal(secrets, g)) },
            },
            select: { id: true },
          });
          // The audit names the plan and its day; what it says of the client stays in its own rows, sealed.
          await auditUserAction(tx, actor.id, {
            trajectoryId,
            action: 'SUPPORT_PLAN_RECORDED',
            data: { planId: id, agreedOn: body.agreedOn },
          });
          await refreshPlanResults(tx, secrets, trajectoryId, measured);
          const reviewTasksCompleted = await completeReviews(tx, actor, trajectoryId, at);
          return { planId: id, agreedOn: body.agreedOn, reviewTasksCompleted };
        });
      },
    }),
  ];
}
