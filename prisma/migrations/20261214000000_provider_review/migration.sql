-- Contract management discusses each provider's performance at least once a year (seed 001): the
-- talks held, one a day per provider.
CREATE TABLE "ProviderReview" (
    "id" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "heldOn" DATE NOT NULL,
    "notes" TEXT,
    "recordedById" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ProviderReview_pkey" PRIMARY KEY ("id")
);

CREATE UNIQUE INDEX "ProviderReview_providerId_heldOn_key" ON "ProviderReview"("providerId", "heldOn");

ALTER TABLE "ProviderReview" ADD CONSTRAINT "ProviderReview_providerId_fkey"
  FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ProviderReview" ADD CONSTRAINT "ProviderReview_recordedById_fkey"
  FOREIGN KEY ("recordedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
