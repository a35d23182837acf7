import type { SecretBox } from '../../activities/sealing';
import { planProgress, isZrmExpectation, type PlanGoal } from '../../domain/support-plan';
import { isZrmDomain } from '../../domain/zrm';
import { Prisma, type PrismaClient } from '../client';
import { fromDateColumn } from './dates';
import { zrmAssessmentsOf, type ZrmMeasurements } from './zrm-assessments';

/** A goal as the plan's rows keep it: the result sought is health data, sealed like the ZRM scores. */
export const sealedGoal = (secrets: SecretBox, goal: PlanGoal): PlanGoal => ({
  ...goal,
  result: secrets.seal(goal.result),
});

/** A trajectory's latest support plan, or null (for the consultant and the provider only: it describes the client). */
export async function supportPlanOf(
  prisma: PrismaClient | Prisma.TransactionClient,
  secrets: SecretBox,
  trajectoryId: string,
) {
  const plan = await prisma.supportPlan.findFirst({
    where: { trajectoryId },
    orderBy: { agreedOn: 'desc' },
    select: {
      agreedOn: true,
      contactEveryWeeks: true,
      contactApproach: true,
      goals: { select: { domain: true, expected: true, result: true } },
    },
  });
  if (!plan) return null;
  const planned = plan.goals.flatMap((g): PlanGoal[] =>
    isZrmDomain(g.domain) && isZrmExpectation(g.expected)
      ? [{ domain: g.domain, expected: g.expected, result: secrets.open(g.result) }]
      : [],
  );
  const { contactEveryWeeks: everyWeeks, contactApproach: approach } = plan;
  const contact = everyWeeks !== null && approach !== null ? { everyWeeks, approach } : null;
  return { agreedOn: fromDateColumn(plan.agreedOn), goals: planned, contact };
}

/**
 * Keeps a trajectory's plan results (its `planGoals*` columns) equal to its latest plan judged by
 * the measurements since (domain/support-plan.ts `planProgress`): run in the transaction that writes
 * a plan or a measurement, so the KPIs only add the columns. `measured`: the measurements, when the
 * caller has read them in that transaction already.
 */
export async function refreshPlanResults(
  tx: Prisma.TransactionClient,
  secrets: SecretBox,
  trajectoryId: string,
  measured?: ZrmMeasurements,
): Promise<void> {
  const plan = await supportPlanOf(tx, secrets, trajectoryId);
  const goals = plan ? planProgress(plan, measured ?? (await zrmAssessmentsOf(tx, secrets, trajectoryId))).goals : [];
  const reached = goals.filter((g) => g.reached === true).length;
  const missed = goals.filter((g) => g.reached === false).length;
  await tx.$executeRaw`
    UPDATE "Trajectory" SET "planGoalsReached" = ${reached}, "planGoalsMissed" = ${missed}
    WHERE id = ${trajectoryId}::uuid`;
}
