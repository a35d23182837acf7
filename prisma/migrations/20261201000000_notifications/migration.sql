-- Notifications that arrive: the outbox row is the inbox entry; each channel and address gets a
-- delivery of its own, sent by a Temporal workflow. Rows written before this were never sent and
-- stay in the inbox only.

-- The per-notification delivery columns move to "Delivery".
DROP INDEX "Notification_state_nextAttemptAt_idx";
ALTER TABLE "Notification" DROP CONSTRAINT "Notification_attempts_check";
ALTER TABLE "Notification" DROP COLUMN "attempts",
DROP COLUMN "channel",
DROP COLUMN "lastError",
DROP COLUMN "nextAttemptAt",
DROP COLUMN "sentAt",
DROP COLUMN "state";
CREATE INDEX "Notification_teamId_createdAt_idx" ON "Notification"("teamId", "createdAt");

DROP TYPE "NotificationChannel";
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'WEBHOOK');
DROP TYPE "DeliveryState";
CREATE TYPE "DeliveryState" AS ENUM ('PENDING', 'HELD', 'SENT', 'DEAD');
CREATE TYPE "NotificationMode" AS ENUM ('IMMEDIATE', 'DIGEST', 'INBOX_ONLY');

-- Recipients: a team's shared mailbox, a provider's contact addresses and webhook.
ALTER TABLE "Team" ADD COLUMN "mailbox" TEXT;
ALTER TABLE "Provider" ADD COLUMN "contactEmails" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN "webhookSecret" TEXT,
ADD COLUMN "webhookUrl" TEXT;

CREATE TABLE "Delivery" (
    "id" UUID NOT NULL,
    "notificationId" UUID NOT NULL,
    "channel" "NotificationChannel" NOT NULL,
    "address" TEXT NOT NULL,
    "userId" UUID,
    "state" "DeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "lastError" TEXT,
    "retries" INTEGER NOT NULL DEFAULT 0,
    "digestDay" DATE,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id"),
    CONSTRAINT "Delivery_attempts_check" CHECK ("attempts" >= 0 AND "retries" >= 0),
    CONSTRAINT "Delivery_sent_check" CHECK (("state" = 'SENT') = ("sentAt" IS NOT NULL))
);

CREATE TABLE "NotificationRead" (
    "notificationId" UUID NOT NULL,
    "userId" UUID NOT NULL,
    "readAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "NotificationRead_pkey" PRIMARY KEY ("notificationId","userId")
);

CREATE TABLE "NotificationPreference" (
    "userId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "mode" "NotificationMode" NOT NULL,

    CONSTRAINT "NotificationPreference_pkey" PRIMARY KEY ("userId","kind")
);

CREATE INDEX "Delivery_state_createdAt_idx" ON "Delivery"("state", "createdAt");
CREATE INDEX "Delivery_userId_state_idx" ON "Delivery"("userId", "state");
CREATE UNIQUE INDEX "Delivery_notificationId_channel_address_key" ON "Delivery"("notificationId", "channel", "address");
CREATE INDEX "NotificationRead_userId_idx" ON "NotificationRead"("userId");

ALTER TABLE "Delivery" ADD CONSTRAINT "Delivery_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "NotificationRead" ADD CONSTRAINT "NotificationRead_notificationId_fkey" FOREIGN KEY ("notificationId") REFERENCES "Notification"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "NotificationRead" ADD CONSTRAINT "NotificationRead_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
ALTER TABLE "NotificationPreference" ADD CONSTRAINT "NotificationPreference_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- The list of deadlines shows the deadline itself, and its reminder beside it: a trajectory whose
-- mirrored "next deadline" was the intake reminder now shows the intake's due instant.
ALTER TABLE "Trajectory" ADD COLUMN "nextReminderAt" TIMESTAMPTZ(3);
UPDATE "Trajectory"
SET "nextReminderAt" = "nextDeadlineAt", "nextDeadlineAt" = "intakeDueAt", "nextDeadlineKind" = 'INTAKE_OVERDUE'
WHERE "nextDeadlineKind" = 'INTAKE_REMINDER' AND "intakeDueAt" IS NOT NULL;
