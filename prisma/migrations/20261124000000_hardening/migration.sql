-- One open trajectory per client and provider, enforced by the database: two registrations racing
-- each other cannot both insert (the loser gets a unique violation, which the API answers with 409).
CREATE UNIQUE INDEX "Trajectory_one_open_per_client_and_provider"
    ON "Trajectory" ("clientId", "providerId") WHERE "phase" <> 'CLOSED';

-- What operations must look at because no user will (schema.prisma, OperationsAlert).
CREATE TABLE "OperationsAlert" (
    "id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('WORKFLOW_NOT_RUNNING', 'WORKFLOW_TASK_FAILED')),
    "trajectoryId" UUID,
    "detail" TEXT NOT NULL,
    "occurrences" INTEGER NOT NULL DEFAULT 1,
    "firstSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" TIMESTAMPTZ(3),
    CONSTRAINT "OperationsAlert_pkey" PRIMARY KEY ("id")
);
CREATE UNIQUE INDEX "OperationsAlert_key_key" ON "OperationsAlert"("key");
CREATE INDEX "OperationsAlert_resolvedAt_lastSeenAt_idx" ON "OperationsAlert"("resolvedAt", "lastSeenAt");
