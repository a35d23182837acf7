-- A trajectory's kenmerk (T- and the first 8 hex digits of its id, domain/reference.ts) names one
-- trajectory: e-mails name trajectories by it and people say it on the phone. Random ids share their
-- first 8 digits ever more often as trajectories add up (about 1 % of databases of 10,000, most of
-- those of 100,000), so the database refuses a second one and the registration draws another id.
-- Trajectories that already share a kenmerk keep theirs (their ids are their workflows' ids): the
-- index leaves out all but the oldest of each, so that no new trajectory takes a kenmerk in use.
DO $$
DECLARE
  sharing text;
BEGIN
  SELECT string_agg(quote_literal(id::text) || '::uuid', ', ') INTO sharing
  FROM (
    SELECT id, row_number() OVER (PARTITION BY left(id::text, 8) ORDER BY "createdAt", id) AS n
    FROM "Trajectory"
  ) numbered
  WHERE n > 1;
  EXECUTE 'CREATE UNIQUE INDEX "Trajectory_reference_key" ON "Trajectory" (left(id::text, 8))'
    || CASE WHEN sharing IS NULL THEN '' ELSE format(' WHERE id NOT IN (%s)', sharing) END;
END $$;
