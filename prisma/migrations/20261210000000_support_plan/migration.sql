-- The support plan (ondersteuningsplan) gets its own rows: per ZRM domain the development expected and
-- the result sought (seeds 001-003). The unused places it was meant to go (a reference on the
-- indication, a goal and an outcome beside each ZRM score) were never written and go.
CREATE TYPE "ZrmExpectation" AS ENUM ('INCREASE', 'STABILISE');

CREATE TABLE "SupportPlan" (
  "id" UUID NOT NULL,
  "trajectoryId" UUID NOT NULL,
  "indicationId" UUID NOT NULL,
  "agreedOn" DATE NOT NULL,
  "recordedById" UUID NOT NULL,
  "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "SupportPlan_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "SupportPlan_trajectoryId_agreedOn_key" ON "SupportPlan"("trajectoryId", "agreedOn");
ALTER TABLE "SupportPlan" ADD CONSTRAINT "SupportPlan_trajectoryId_fkey"
  FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "SupportPlan" ADD CONSTRAINT "SupportPlan_indicationId_fkey"
  FOREIGN KEY ("indicationId") REFERENCES "Indication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "SupportPlanGoal" (
  "planId" UUID NOT NULL,
  "domain" "ZrmDomain" NOT NULL,
  "expected" "ZrmExpectation" NOT NULL,
  "result" TEXT NOT NULL,
  CONSTRAINT "SupportPlanGoal_pkey" PRIMARY KEY ("planId", "domain")
);
ALTER TABLE "SupportPlanGoal" ADD CONSTRAINT "SupportPlanGoal_planId_fkey"
  FOREIGN KEY ("planId") REFERENCES "SupportPlan"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The latest plan's goals judged by the ZRM since, kept per trajectory for the KPIs (prisma/records/support-plan.ts).
ALTER TABLE "Trajectory"
  ADD COLUMN "planGoalsReached" INTEGER NOT NULL DEFAULT 0,
  ADD COLUMN "planGoalsMissed" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "Indication" DROP COLUMN "supportPlanRef";
ALTER TABLE "ZrmScore" DROP COLUMN "goal", DROP COLUMN "outcome";
