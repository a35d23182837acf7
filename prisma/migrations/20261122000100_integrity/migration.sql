-- Rules the database enforces itself, so no code path (API, activity, seed, psql) can break them.

-- A consultant belongs to a team, a provider user to a provider; operations to neither.
ALTER TABLE "User" ADD CONSTRAINT "User_role_scope_check" CHECK (
  ("role" = 'CONSULTANT' AND "teamId" IS NOT NULL AND "providerId" IS NULL) OR
  ("role" = 'PROVIDER' AND "providerId" IS NOT NULL AND "teamId" IS NULL) OR
  ("role" = 'OPERATIONS' AND "teamId" IS NULL AND "providerId" IS NULL)
);

ALTER TABLE "Product" ADD CONSTRAINT "Product_duration_check" CHECK (
  ("minDurationMonths" IS NULL OR "minDurationMonths" > 0) AND
  ("maxDurationMonths" IS NULL OR "maxDurationMonths" >= COALESCE("minDurationMonths", 1))
);
ALTER TABLE "Product" ADD CONSTRAINT "Product_no_show_cap_check" CHECK (
  ("noShowPolicy" = 'CAPPED_PER_ALLOCATION') = ("noShowCap" IS NOT NULL) AND COALESCE("noShowCap", 0) >= 0
);

ALTER TABLE "Tariff" ADD CONSTRAINT "Tariff_amount_check" CHECK ("amountCents" >= 0);
ALTER TABLE "Tariff" ADD CONSTRAINT "Tariff_period_check" CHECK ("validTo" IS NULL OR "validTo" >= "validFrom");

ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_closed_check" CHECK (
  ("phase" = 'CLOSED') = ("closedAt" IS NOT NULL) AND ("closedAt" IS NULL) = ("closureReason" IS NULL)
);

ALTER TABLE "Indication" ADD CONSTRAINT "Indication_period_check" CHECK ("endDate" >= "startDate");
ALTER TABLE "Indication" ADD CONSTRAINT "Indication_volume_check" CHECK (
  ("volumeUnit" = 'HOURS_PER_WEEK') = ("hoursPerWeek" IS NOT NULL) AND COALESCE("hoursPerWeek", 1) > 0
);
ALTER TABLE "Indication" ADD CONSTRAINT "Indication_sequence_check" CHECK ("sequence" >= 1);

ALTER TABLE "ZrmScore" ADD CONSTRAINT "ZrmScore_score_check" CHECK ("score" BETWEEN 1 AND 5);

ALTER TABLE "HourDeclaration" ADD CONSTRAINT "HourDeclaration_minutes_check" CHECK (
  "directMinutes" >= 0 AND "indirectMinutes" >= 0 AND "digitalMinutes" >= 0 AND "digitalMinutes" <= "directMinutes"
);
ALTER TABLE "HourDeclaration" ADD CONSTRAINT "HourDeclaration_month_check" CHECK (EXTRACT(DAY FROM "month") = 1);

ALTER TABLE "NoShow" ADD CONSTRAINT "NoShow_consecutive_check" CHECK ("consecutive" >= 1);

ALTER TABLE "Task" ADD CONSTRAINT "Task_done_check" CHECK (("status" = 'OPEN') = ("completedAt" IS NULL));

ALTER TABLE "Notification" ADD CONSTRAINT "Notification_attempts_check" CHECK ("attempts" >= 0);

-- The audit log is append-only: history is evidence, so nobody rewrites it.
CREATE FUNCTION "audit_event_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'AuditEvent is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER "AuditEvent_append_only"
  BEFORE UPDATE OR DELETE ON "AuditEvent"
  FOR EACH ROW EXECUTE FUNCTION "audit_event_append_only"();
