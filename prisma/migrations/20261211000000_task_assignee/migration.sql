-- A task is picked up (opgepakt) by a colleague of the team or provider it is for; the column was
-- there and unused, now it names a user. A user who goes leaves their tasks to nobody.
UPDATE "Task" SET "assigneeUserId" = NULL WHERE "assigneeUserId" NOT IN (SELECT id FROM "User");
ALTER TABLE "Task" ADD CONSTRAINT "Task_assigneeUserId_fkey"
  FOREIGN KEY ("assigneeUserId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
