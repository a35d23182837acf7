-- A consultant's and a provider's trajectory lists and a provider's deadlines come in deadline order
-- within the team or provider: read from these indexes, a page is 25 index entries instead of a sort
-- of every trajectory in scope (issue 12: reads at 10,000 trajectories).
CREATE INDEX "Trajectory_teamId_nextDeadlineAt_id_idx" ON "Trajectory"("teamId", "nextDeadlineAt", "id");
CREATE INDEX "Trajectory_providerId_nextDeadlineAt_id_idx" ON "Trajectory"("providerId", "nextDeadlineAt", "id");
