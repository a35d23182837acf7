-- Who saw a client's data, when and how (inzage; NEN 7513, BIO): the file opened, or the client found
-- by a search. Beside the audit log of changes, and like it append-only: the log is evidence.
CREATE TYPE "AccessKind" AS ENUM ('TRAJECTORY_VIEWED', 'FOUND_BY_BSN', 'FOUND_BY_NAME', 'FOUND_BY_REFERENCE', 'ACCESS_LOG_READ');

CREATE TABLE "ClientAccess" (
  "id" BIGSERIAL NOT NULL,
  "clientId" UUID NOT NULL,
  "trajectoryId" UUID,
  "userId" UUID NOT NULL,
  "role" "Role" NOT NULL,
  "kind" "AccessKind" NOT NULL,
  "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT "ClientAccess_pkey" PRIMARY KEY ("id")
);
CREATE INDEX "ClientAccess_clientId_occurredAt_idx" ON "ClientAccess"("clientId", "occurredAt");
CREATE INDEX "ClientAccess_userId_occurredAt_idx" ON "ClientAccess"("userId", "occurredAt");
ALTER TABLE "ClientAccess" ADD CONSTRAINT "ClientAccess_clientId_fkey"
  FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ClientAccess" ADD CONSTRAINT "ClientAccess_trajectoryId_fkey"
  FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "ClientAccess" ADD CONSTRAINT "ClientAccess_userId_fkey"
  FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- One guard for both logs: the audit log's trigger function now names the table it refuses to change.
CREATE OR REPLACE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '% is append-only: % is not allowed', TG_TABLE_NAME, TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "ClientAccess_append_only"
  BEFORE UPDATE OR DELETE ON "ClientAccess"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
