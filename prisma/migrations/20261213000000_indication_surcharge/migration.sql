-- A category of the Drechtsteden's IB may be decided with its surcharge (opslag, seed 001: "Opslag
-- per categorie, per cliënt, per periode van 4 weken"): OPSLAG1 on IB1, and so on.
ALTER TABLE "Indication" ADD COLUMN "surchargeCode" TEXT;
ALTER TABLE "Indication" ADD CONSTRAINT "Indication_surchargeCode_fkey"
  FOREIGN KEY ("surchargeCode") REFERENCES "Product"("code") ON DELETE RESTRICT ON UPDATE CASCADE;
