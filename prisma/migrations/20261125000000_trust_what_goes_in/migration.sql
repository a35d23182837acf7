-- A granted extension's next period is PLANNED until the current period ends (issue 9, item 7).
ALTER TYPE "IndicationStatus" ADD VALUE 'PLANNED' BEFORE 'ACTIVE';

-- The day the intake was held: time to intake is measured to it, not to when it was typed in.
ALTER TABLE "Trajectory" ADD COLUMN "intakeHeldOn" DATE;
UPDATE "Trajectory" t
   SET "intakeHeldOn" = (
     SELECT (e.data ->> 'heldOn')::date FROM "AuditEvent" e
      WHERE e."trajectoryId" = t.id AND e.action = 'INTAKE_RECORDED'
      ORDER BY e."occurredAt" LIMIT 1)
 WHERE t."intakeHeldAt" IS NOT NULL;

-- Why a provider corrected an intake day or a declared month (schema.prisma, Correction).
CREATE TYPE "CorrectionKind" AS ENUM ('INTAKE', 'HOURS');
CREATE TABLE "Correction" (
    "id" UUID NOT NULL,
    "kind" "CorrectionKind" NOT NULL,
    "trajectoryId" UUID NOT NULL,
    "reason" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Correction_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "Correction_trajectoryId_createdAt_idx" ON "Correction"("trajectoryId", "createdAt");
ALTER TABLE "Correction" ADD CONSTRAINT "Correction_trajectoryId_fkey"
    FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
