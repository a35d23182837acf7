-- Why the consultant refused (or granted) an extension or expansion: the provider reads it in the
-- timeline. The text is sealed by the application (health data), like the request reports.
CREATE TABLE "Motivation" (
    "id" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "trajectoryId" UUID NOT NULL,
    "text" TEXT NOT NULL,
    "authorId" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Motivation_pkey" PRIMARY KEY ("id")
);

CREATE INDEX "Motivation_trajectoryId_createdAt_idx" ON "Motivation"("trajectoryId", "createdAt");

ALTER TABLE "Motivation" ADD CONSTRAINT "Motivation_trajectoryId_fkey"
  FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
