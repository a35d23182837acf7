-- Reports filed with extension and expansion requests, and the stored first answers of idempotent POSTs.
CREATE TABLE "RequestReport" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL CHECK ("kind" IN ('EXTENSION', 'EXPANSION')),
    "trajectoryId" UUID NOT NULL,
    "goalsReached" TEXT NOT NULL,
    "stillNeeded" TEXT NOT NULL,
    "intendedOutflow" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "RequestReport_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "RequestReport_trajectoryId_createdAt_idx" ON "RequestReport"("trajectoryId", "createdAt");
ALTER TABLE "RequestReport" ADD CONSTRAINT "RequestReport_trajectoryId_fkey"
    FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

CREATE TABLE "IdempotentRequest" (
    "userId" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "bodyHash" TEXT NOT NULL,
    "status" INTEGER,
    "response" JSONB,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    CONSTRAINT "IdempotentRequest_pkey" PRIMARY KEY ("userId", "key")
);

-- What the mirrored next deadline is, so lists can say what is due and not only when.
ALTER TABLE "Trajectory" ADD COLUMN "nextDeadlineKind" TEXT;
