-- Seed 000, IB0: the support plan records the agreements on contact moments and their frequency, and
-- whether the support is proactive, reactive or both. The catalogue's seed marks the products that ask it.
CREATE TYPE "ContactApproach" AS ENUM ('PROACTIVE', 'REACTIVE', 'BOTH');

ALTER TABLE "Product" ADD COLUMN "planAgreesContacts" BOOLEAN NOT NULL DEFAULT false;

ALTER TABLE "SupportPlan"
  ADD COLUMN "contactEveryWeeks" INTEGER,
  ADD COLUMN "contactApproach" "ContactApproach",
  ADD CONSTRAINT "SupportPlan_contact_check" CHECK (
    ("contactEveryWeeks" IS NULL) = ("contactApproach" IS NULL)
    AND ("contactEveryWeeks" IS NULL OR "contactEveryWeeks" BETWEEN 1 AND 52)
  );
