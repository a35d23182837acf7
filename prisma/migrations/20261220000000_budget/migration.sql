-- What a region may spend on individual guidance in a year (DOMAIN.md: affordability, "within budget";
-- seed 001: "binnen het beschikbare budget"): set by contract management, compared with what was
-- allocated and realised on the costs page.
CREATE TABLE "Budget" (
    "region" "Region" NOT NULL,
    "year" INTEGER NOT NULL,
    "amountEuros" INTEGER NOT NULL,
    "setById" UUID NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Budget_pkey" PRIMARY KEY ("region", "year"),
    CONSTRAINT "Budget_amount_check" CHECK ("amountEuros" > 0),
    CONSTRAINT "Budget_year_check" CHECK ("year" BETWEEN 2000 AND 2100)
);

ALTER TABLE "Budget" ADD CONSTRAINT "Budget_setById_fkey"
  FOREIGN KEY ("setById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
