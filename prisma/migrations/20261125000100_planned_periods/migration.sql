-- A next period granted before this release was stored ACTIVE beside the current one: it is
-- PLANNED until the current period ends (the workflow activates it then). A separate migration,
-- because PostgreSQL uses a new enum value only after the transaction that added it.
UPDATE "Indication" i
   SET status = 'PLANNED'
 WHERE i.status = 'ACTIVE'
   AND EXISTS (SELECT 1 FROM "Indication" o
                WHERE o."trajectoryId" = i."trajectoryId" AND o.status = 'ACTIVE' AND o.sequence < i.sequence);
