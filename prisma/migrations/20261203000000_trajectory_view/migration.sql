-- The workflow's own view of a trajectory (deadlines ahead, requests, use of the period), written by
-- the workflow after every change, so that the trajectory detail is a database read.
ALTER TABLE "Trajectory" ADD COLUMN "view" JSONB;
