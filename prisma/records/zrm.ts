import type { ZrmDomain } from '../../domain/zrm';
import { Prisma } from '../client';
import { toDateColumn } from './dates';
import { refreshPlanResults } from './support-plan';

/**
 * Per trajectory, how the domains scored in both its first and its latest ZRM measurement developed
 * (domain/zrm.ts `zrmDevelopment`: a higher score is an improvement, the same is stable), as columns
 * `trajectoryId`, improved, stable, declined. `where` picks the trajectories (one, or all).
 */
export function zrmResults(where: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    WITH ranked AS (
      SELECT id, "trajectoryId",
             row_number() OVER (PARTITION BY "trajectoryId" ORDER BY "assessedOn", "createdAt") AS from_start,
             row_number() OVER (PARTITION BY "trajectoryId" ORDER BY "assessedOn" DESC, "createdAt" DESC) AS from_end
      FROM "ZrmAssessment" WHERE ${where}
    ), ends AS (
      -- The first and the latest, where they are two measurements.
      SELECT id, "trajectoryId", from_start = 1 AS is_first FROM ranked WHERE (from_start = 1) <> (from_end = 1)
    ), pairs AS (
      SELECT e."trajectoryId",
             max(s.score) FILTER (WHERE e.is_first) AS before,
             max(s.score) FILTER (WHERE NOT e.is_first) AS after
      FROM ends e JOIN "ZrmScore" s ON s."assessmentId" = e.id
      GROUP BY e."trajectoryId", s.domain
    )
    SELECT "trajectoryId",
           (count(*) FILTER (WHERE after > before))::int AS improved,
           (count(*) FILTER (WHERE after = before))::int AS stable,
           (count(*) FILTER (WHERE after < before))::int AS declined
    FROM pairs GROUP BY "trajectoryId"`;
}

/**
 * Keeps a trajectory's ZRM results (its `zrm*` columns) equal to its measurements: run in the
 * transaction that adds one (the decision's activity, the API's measurement), so the KPIs only add
 * the columns instead of comparing every measurement of every trajectory.
 */
export async function refreshZrmResults(tx: Prisma.TransactionClient, trajectoryId: string): Promise<void> {
  await tx.$executeRaw`
    WITH results AS (${zrmResults(Prisma.sql`"trajectoryId" = ${trajectoryId}::uuid`)})
    UPDATE "Trajectory" t
    SET "zrmImproved" = coalesce(r.improved, 0), "zrmStable" = coalesce(r.stable, 0), "zrmDeclined" = coalesce(r.declined, 0)
    FROM (SELECT ${trajectoryId}::uuid AS id) one LEFT JOIN results r ON r."trajectoryId" = one.id
    WHERE t.id = one.id`;
}

/**
 * Stores a ZRM measurement with its scores and keeps the trajectory's results with it: the one way a
 * measurement is written (the decision's activity, the API's route), inside the caller's transaction.
 */
export async function recordZrmAssessment(
  tx: Prisma.TransactionClient,
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
      scores: { create: Object.entries(m.scores).map(([domain, score]) => ({ domain: domain as ZrmDomain, score })) },
    },
  });
  await refreshZrmResults(tx, m.trajectoryId);
  await refreshPlanResults(tx, m.trajectoryId);
  return id;
}
