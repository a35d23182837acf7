-- The ZRM's results per trajectory (seed 002: an improvement or stabilisation per domain), kept with
-- every measurement so the KPIs add three columns instead of comparing every trajectory's measurements
-- (prisma/records/zrm.ts keeps them; this fills them for the measurements there are).
ALTER TABLE "Trajectory"
  ADD COLUMN "zrmImproved" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "zrmStable" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "zrmDeclined" INTEGER NOT NULL DEFAULT 0;

WITH ranked AS (
  SELECT id, "trajectoryId",
         row_number() OVER (PARTITION BY "trajectoryId" ORDER BY "assessedOn", "createdAt") AS from_start,
         row_number() OVER (PARTITION BY "trajectoryId" ORDER BY "assessedOn" DESC, "createdAt" DESC) AS from_end
  FROM "ZrmAssessment"
), ends AS (
  SELECT id, "trajectoryId", from_start = 1 AS is_first FROM ranked WHERE (from_start = 1) <> (from_end = 1)
), pairs AS (
  SELECT e."trajectoryId",
         max(s.score) FILTER (WHERE e.is_first) AS before,
         max(s.score) FILTER (WHERE NOT e.is_first) AS after
  FROM ends e JOIN "ZrmScore" s ON s."assessmentId" = e.id
  GROUP BY e."trajectoryId", s.domain
), results AS (
  SELECT "trajectoryId",
         count(*) FILTER (WHERE after > before) AS improved,
         count(*) FILTER (WHERE after = before) AS stable,
         count(*) FILTER (WHERE after < before) AS declined
  FROM pairs GROUP BY "trajectoryId"
)
UPDATE "Trajectory" t
SET "zrmImproved" = r.improved, "zrmStable" = r.stable, "zrmDeclined" = r.declined
FROM results r
WHERE r."trajectoryId" = t.id;
