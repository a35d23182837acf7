import type { SecretBox } from '../../activities/sealing';
import { zrmDevelopments, type ZrmDevelopment, type ZrmDomain } from '../../domain/zrm';
import type { Prisma } from '../client';
import { toDateColumn } from './dates';
import { refreshPlanResults } from './support-plan';
import { sealScores, zrmAssessmentsOf, type ZrmMeasurements } from './zrm-assessments';

/**
 * Keeps a trajectory's ZRM results (its `zrm*` columns) equal to its measurements: how the domains
 * scored in both its first and its latest developed (domain/zrm.ts). Run in the transaction that adds
 * one (the decision's activity, the API's measurement), so the KPIs only add the columns instead of
 * opening every measurement of every trajectory; the scores are sealed, so they are compared here.
 */
async function refreshZrmResults(
  tx: Prisma.TransactionClient,
  trajectoryId: string,
  measured: ZrmMeasurements,
): Promise<void> {
  const [first, latest] = [measured[0], measured.at(-1)];
  const developed = first && latest && measured.length > 1 ? zrmDevelopments(first.scores, latest.scores) : [];
  const count = (d: ZrmDevelopment) => developed.filter((x) => x.development === d).length;
  await tx.$executeRaw`
    UPDATE "Trajectory"
    SET "zrmImproved" = ${count('IMPROVED')}, "zrmStable" = ${count('STABLE')}, "zrmDeclined" = ${count('DECLINED')}
    WHERE id = ${trajectoryId}::uuid`;
}

/**
 * Stores a ZRM measurement with its scores sealed and keeps the trajectory's results with it: the one
 * way a measurement is written (the decision's activity, the API's route), inside the caller's transaction.
 */
export async function recordZrmAssessment(
  tx: Prisma.TransactionClient,
  secrets: SecretBox,
  m: {
    trajectoryId: string;
    indicationId: string;
    assessedOn: string;
    assessedById: string;
    scores: Partial<Record<ZrmDomain, number>>;
  },
): Promise<string> {
  const { id } = await tx.zrmAssessment.create({
    data: {
      trajectoryId: m.trajectoryId,
      indicationId: m.indicationId,
      assessedOn: toDateColumn(m.assessedOn),
      assessedById: m.assessedById,
      sealedScores: sealScores(secrets, m.scores),
    },
  });
  // Opened once for both: the ZRM's results and the plan's.
  const measured = await zrmAssessmentsOf(tx, secrets, m.trajectoryId);
  await refreshZrmResults(tx, m.trajectoryId, measured);
  await refreshPlanResults(tx, secrets, m.trajectoryId, measured);
  return id;
}
