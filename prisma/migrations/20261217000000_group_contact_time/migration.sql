-- Group contact time (seed 003, groepscontacttijd): the minutes of the professionals present at a
-- group session divided by the clients present, declared per month as a category of its own beside
-- direct and indirect time. Months declared before hold none.
ALTER TABLE "HourDeclaration" ADD COLUMN "groupMinutes" INTEGER NOT NULL DEFAULT 0;

ALTER TABLE "HourDeclaration" ADD CONSTRAINT "HourDeclaration_group_minutes_check" CHECK ("groupMinutes" >= 0);
