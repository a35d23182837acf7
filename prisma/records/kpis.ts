import { Prisma, type PrismaClient } from '../client';
import { openTasksTimedSql } from './task-timing';

export interface KpiRow {
  providerId: string;
  productCode: string | null;
  trajectories: number;
  avgDaysToIntake: number | null;
  /** From the day the intake was held to the day of the first decision (Amsterdam days). */
  avgDaysToDecision: number | null;
  avgDaysToClosure: number | null;
  closed: number;
  /** Outflow (uitstroom): closed as planned (iWmo 19), the client leaving the care; seeds 000 and 002 ask it "duurzaam". */
  outflow: number;
  steppedDown: number;
  closedAtMaximum: number;
  /** Closed for a move to another provider (iWmo 38, overstap): seed 002 measures whether care fits the client. */
  transferredOut: number;
  openTasks: number;
  /** Open tasks whose time has passed (late); those raised to do at once are never late. */
  overdueTasks: number;
  /** Open tasks raised when they were due (a missed intake, a decision to take): to do at once. */
  atOnceTasks: number;
  /** Domains scored in a trajectory's first and latest ZRM measurement, by how they developed (seed 002). */
  zrmImproved: number;
  zrmStable: number;
  zrmDeclined: number;
  /** Goals of each trajectory's latest support plan judged by the ZRM since: reached, or not (seed 002). */
  planGoalsReached: number;
  planGoalsMissed: number;
}

/**
 * Per provider and product (the latest indication's; null before a decision): throughput times
 * from registration (to the day the intake was held, in Amsterdam days; to closure), outflow, step-down, moves to another provider, open, late and at-once tasks,
 * the ZRM's results (each trajectory's, kept by prisma/records/zrm.ts) and the support plans' goals
 * reached or not (kept by prisma/records/support-plan.ts). One query, grouped in PostgreSQL.
 */
function kpiQuery(q: { providerId?: string; product?: string }, now: Date) {
  return Prisma.sql`
    WITH latest AS (
      SELECT DISTINCT ON ("trajectoryId") "trajectoryId", "productCode"
      FROM "Indication" ORDER BY "trajectoryId", sequence DESC
    ), first AS (
      SELECT "trajectoryId", ("decidedAt" AT TIME ZONE 'Europe/Amsterdam')::date AS "decidedOn"
      FROM "Indication" WHERE sequence = 1
    ), work AS (
      SELECT "trajectoryId",
             count(*) FILTER (WHERE status = 'OPEN') AS open,
             count(*) FILTER (WHERE ${openTasksTimedSql('LATE', now)}) AS overdue,
             count(*) FILTER (WHERE ${openTasksTimedSql('AT_ONCE', now)}) AS "atOnce"
      FROM "Task" GROUP BY "trajectoryId"
    )
    SELECT t."providerId"::text AS "providerId", l."productCode",
           count(*)::int AS trajectories,
           avg(t."intakeHeldOn" - (t."registeredAt" AT TIME ZONE 'Europe/Amsterdam')::date)::float8 AS "avgDaysToIntake",
           avg(f."decidedOn" - t."intakeHeldOn")::float8 AS "avgDaysToDecision",
           avg(extract(epoch FROM t."closedAt" - t."registeredAt") / 86400)::float8 AS "avgDaysToClosure",
           count(t."closedAt")::int AS closed,
           (count(*) FILTER (WHERE t."closureReason" = 'PER_PLAN'))::int AS outflow,
           (count(*) FILTER (WHERE t."closureReason" = 'STEP_DOWN'))::int AS "steppedDown",
           (count(*) FILTER (WHERE t."closureReason" = 'MAXIMUM_DURATION'))::int AS "closedAtMaximum",
           (count(*) FILTER (WHERE t."closureReason" = 'OTHER_PROVIDER'))::int AS "transferredOut",
           coalesce(sum(w.open), 0)::int AS "openTasks",
           coalesce(sum(w.overdue), 0)::int AS "overdueTasks",
           coalesce(sum(w."atOnce"), 0)::int AS "atOnceTasks",
           sum(t."zrmImproved")::int AS "zrmImproved",
           sum(t."zrmStable")::int AS "zrmStable",
           sum(t."zrmDeclined")::int AS "zrmDeclined",
           sum(t."planGoalsReached")::int AS "planGoalsReached",
           sum(t."planGoalsMissed")::int AS "planGoalsMissed"
    FROM "Trajectory" t
    LEFT JOIN latest l ON l."trajectoryId" = t.id
    LEFT JOIN first f ON f."trajectoryId" = t.id
    LEFT JOIN work w ON w."trajectoryId" = t.id
    WHERE (${q.providerId ?? null}::uuid IS NULL OR t."providerId" = ${q.providerId ?? null}::uuid)
      AND (${q.product ?? null}::text IS NULL OR l."productCode" = ${q.product ?? null}::text)
    GROUP BY t."providerId", l."productCode"
    ORDER BY t."providerId", l."productCode" NULLS FIRST`;
}

/** The KPI rows, one per provider and product, filtered as asked. */
export function kpisPerProviderAndProduct(
  prisma: PrismaClient,
  q: { providerId?: string; product?: string },
  now: Date,
): Promise<KpiRow[]> {
  return prisma.$queryRaw<KpiRow[]>(kpiQuery(q, now));
}
