-- ZRM scores are health data: from now on a measurement keeps them sealed in one column. The plain
-- rows in "ZrmScore" that older versions wrote are sealed by the API's start-up (it holds the keys;
-- SQL does not) and then deleted.
ALTER TABLE "ZrmAssessment" ADD COLUMN "sealedScores" TEXT;
