-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Region" AS ENUM ('SDD', 'ZOU');

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CONSULTANT', 'PROVIDER', 'OPERATIONS');

-- CreateEnum
CREATE TYPE "VolumeUnit" AS ENUM ('HOURS_PER_WEEK', 'CATEGORY');

-- CreateEnum
CREATE TYPE "TariffUnit" AS ENUM ('PER_HOUR', 'PER_CLIENT_PER_4_WEEKS', 'PER_CLIENT_PER_WEEK', 'PER_CLIENT_PER_MONTH');

-- CreateEnum
CREATE TYPE "NoShowPolicy" AS ENUM ('NOT_DECLARABLE', 'ALWAYS_DECLARABLE', 'CAPPED_PER_ALLOCATION', 'NOT_APPLICABLE');

-- CreateEnum
CREATE TYPE "TrajectoryPhase" AS ENUM ('REGISTERED', 'INTAKE_HELD', 'ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "IndicationStatus" AS ENUM ('ACTIVE', 'ENDED', 'SUPERSEDED');

-- CreateEnum
CREATE TYPE "ClosureReason" AS ENUM ('PER_PLAN', 'BY_AGREEMENT', 'BY_CLIENT', 'BY_PROVIDER', 'OTHER_PROVIDER', 'MOVED', 'OTHER_DOMAIN', 'DECEASED', 'MAXIMUM_DURATION', 'STEP_DOWN');

-- CreateEnum
CREATE TYPE "ZrmDomain" AS ENUM ('FINANCES', 'WORK_EDUCATION', 'TIME_USE', 'HOUSING', 'DOMESTIC_RELATIONS', 'MENTAL_HEALTH', 'PHYSICAL_HEALTH', 'SUBSTANCE_USE', 'BASIC_ADL', 'INSTRUMENTAL_ADL', 'SOCIAL_NETWORK', 'SOCIAL_PARTICIPATION', 'JUSTICE');

-- CreateEnum
CREATE TYPE "TaskStatus" AS ENUM ('OPEN', 'DONE', 'CANCELLED');

-- CreateEnum
CREATE TYPE "NotificationChannel" AS ENUM ('EMAIL', 'WEBHOOK', 'IN_APP');

-- CreateEnum
CREATE TYPE "DeliveryState" AS ENUM ('PENDING', 'SENT', 'FAILED', 'DEAD');

-- CreateEnum
CREATE TYPE "ActorType" AS ENUM ('USER', 'WORKFLOW', 'SYSTEM');

-- CreateTable
CREATE TABLE "Team" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "municipality" TEXT NOT NULL,
    "region" "Region" NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Provider" (
    "id" UUID NOT NULL,
    "name" TEXT NOT NULL,
    "agbCode" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Provider_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" UUID NOT NULL,
    "email" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "teamId" UUID,
    "providerId" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Client" (
    "id" UUID NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Client_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ClientIdentity" (
    "clientId" UUID NOT NULL,
    "bsn" TEXT NOT NULL,
    "fullName" TEXT NOT NULL,
    "dateOfBirth" DATE NOT NULL,
    "email" TEXT,
    "phone" TEXT,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ClientIdentity_pkey" PRIMARY KEY ("clientId")
);

-- CreateTable
CREATE TABLE "Product" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "region" "Region" NOT NULL,
    "primaryActivity" TEXT NOT NULL,
    "volumeUnit" "VolumeUnit" NOT NULL,
    "minDurationMonths" INTEGER,
    "maxDurationMonths" INTEGER,
    "extendable" BOOLEAN NOT NULL,
    "alwaysFinite" BOOLEAN NOT NULL DEFAULT false,
    "requiresStableZrm" BOOLEAN NOT NULL DEFAULT false,
    "interimEvaluationMonths" INTEGER,
    "clientAgeBelow" INTEGER,
    "noShowPolicy" "NoShowPolicy" NOT NULL,
    "noShowCap" INTEGER,
    "surchargeFor" TEXT[],
    "validFrom" DATE,
    "validTo" DATE,
    "source" TEXT NOT NULL,

    CONSTRAINT "Product_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "Tariff" (
    "id" UUID NOT NULL,
    "productCode" TEXT NOT NULL,
    "validFrom" DATE NOT NULL,
    "validTo" DATE,
    "amountCents" INTEGER NOT NULL,
    "unit" "TariffUnit" NOT NULL,
    "source" TEXT NOT NULL,

    CONSTRAINT "Tariff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Trajectory" (
    "id" UUID NOT NULL,
    "clientId" UUID NOT NULL,
    "providerId" UUID NOT NULL,
    "teamId" UUID NOT NULL,
    "phase" "TrajectoryPhase" NOT NULL DEFAULT 'REGISTERED',
    "registeredAt" TIMESTAMPTZ(3) NOT NULL,
    "intakeDueAt" TIMESTAMPTZ(3),
    "intakeHeldAt" TIMESTAMPTZ(3),
    "nextDeadlineAt" TIMESTAMPTZ(3),
    "closedAt" TIMESTAMPTZ(3),
    "closureReason" "ClosureReason",
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Trajectory_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Indication" (
    "id" UUID NOT NULL,
    "trajectoryId" UUID NOT NULL,
    "sequence" INTEGER NOT NULL,
    "productCode" TEXT NOT NULL,
    "startDate" DATE NOT NULL,
    "endDate" DATE NOT NULL,
    "volumeUnit" "VolumeUnit" NOT NULL,
    "hoursPerWeek" DECIMAL(5,2),
    "status" "IndicationStatus" NOT NULL DEFAULT 'ACTIVE',
    "decidedAt" TIMESTAMPTZ(3) NOT NULL,
    "decidedById" UUID,
    "closedAt" TIMESTAMPTZ(3),
    "closureReason" "ClosureReason",
    "supportPlanRef" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Indication_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZrmAssessment" (
    "id" UUID NOT NULL,
    "trajectoryId" UUID NOT NULL,
    "indicationId" UUID,
    "assessedOn" DATE NOT NULL,
    "assessedById" UUID,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ZrmAssessment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ZrmScore" (
    "assessmentId" UUID NOT NULL,
    "domain" "ZrmDomain" NOT NULL,
    "score" INTEGER NOT NULL,
    "goal" TEXT,
    "outcome" TEXT,

    CONSTRAINT "ZrmScore_pkey" PRIMARY KEY ("assessmentId","domain")
);

-- CreateTable
CREATE TABLE "HourDeclaration" (
    "id" UUID NOT NULL,
    "indicationId" UUID NOT NULL,
    "month" DATE NOT NULL,
    "directMinutes" INTEGER NOT NULL,
    "indirectMinutes" INTEGER NOT NULL,
    "digitalMinutes" INTEGER NOT NULL,
    "declaredAt" TIMESTAMPTZ(3) NOT NULL,
    "declaredById" UUID,
    "warnings" TEXT[],

    CONSTRAINT "HourDeclaration_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "NoShow" (
    "id" UUID NOT NULL,
    "indicationId" UUID NOT NULL,
    "occurredAt" TIMESTAMPTZ(3) NOT NULL,
    "declarable" BOOLEAN NOT NULL,
    "consecutive" INTEGER NOT NULL,
    "recordedAt" TIMESTAMPTZ(3) NOT NULL,
    "recordedById" UUID,

    CONSTRAINT "NoShow_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Task" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "trajectoryId" UUID NOT NULL,
    "kind" TEXT NOT NULL,
    "assigneeRole" "Role" NOT NULL,
    "teamId" UUID,
    "providerId" UUID,
    "assigneeUserId" UUID,
    "dueAt" TIMESTAMPTZ(3) NOT NULL,
    "status" "TaskStatus" NOT NULL DEFAULT 'OPEN',
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMPTZ(3),
    "completedById" UUID,
    "outcome" TEXT,

    CONSTRAINT "Task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Notification" (
    "id" UUID NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "trajectoryId" UUID,
    "recipientRole" "Role" NOT NULL,
    "providerId" UUID,
    "teamId" UUID,
    "userId" UUID,
    "channel" "NotificationChannel" NOT NULL,
    "kind" TEXT NOT NULL,
    "payload" JSONB NOT NULL,
    "state" "DeliveryState" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMPTZ(3),

    CONSTRAINT "Notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" BIGSERIAL NOT NULL,
    "idempotencyKey" TEXT,
    "trajectoryId" UUID,
    "actorType" "ActorType" NOT NULL,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "data" JSONB NOT NULL DEFAULT '{}',
    "occurredAt" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_municipality_name_key" ON "Team"("municipality", "name");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_name_key" ON "Provider"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Provider_agbCode_key" ON "Provider"("agbCode");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "User_role_idx" ON "User"("role");

-- CreateIndex
CREATE INDEX "User_teamId_idx" ON "User"("teamId");

-- CreateIndex
CREATE INDEX "User_providerId_idx" ON "User"("providerId");

-- CreateIndex
CREATE UNIQUE INDEX "ClientIdentity_bsn_key" ON "ClientIdentity"("bsn");

-- CreateIndex
CREATE UNIQUE INDEX "Tariff_productCode_validFrom_key" ON "Tariff"("productCode", "validFrom");

-- CreateIndex
CREATE INDEX "Trajectory_phase_nextDeadlineAt_idx" ON "Trajectory"("phase", "nextDeadlineAt");

-- CreateIndex
CREATE INDEX "Trajectory_providerId_phase_idx" ON "Trajectory"("providerId", "phase");

-- CreateIndex
CREATE INDEX "Trajectory_teamId_phase_idx" ON "Trajectory"("teamId", "phase");

-- CreateIndex
CREATE INDEX "Trajectory_clientId_idx" ON "Trajectory"("clientId");

-- CreateIndex
CREATE INDEX "Indication_productCode_status_idx" ON "Indication"("productCode", "status");

-- CreateIndex
CREATE INDEX "Indication_status_endDate_idx" ON "Indication"("status", "endDate");

-- CreateIndex
CREATE UNIQUE INDEX "Indication_trajectoryId_sequence_key" ON "Indication"("trajectoryId", "sequence");

-- CreateIndex
CREATE INDEX "ZrmAssessment_trajectoryId_assessedOn_idx" ON "ZrmAssessment"("trajectoryId", "assessedOn");

-- CreateIndex
CREATE UNIQUE INDEX "HourDeclaration_indicationId_month_key" ON "HourDeclaration"("indicationId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "NoShow_indicationId_occurredAt_key" ON "NoShow"("indicationId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Task_idempotencyKey_key" ON "Task"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Task_status_dueAt_idx" ON "Task"("status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_teamId_status_dueAt_idx" ON "Task"("teamId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_providerId_status_dueAt_idx" ON "Task"("providerId", "status", "dueAt");

-- CreateIndex
CREATE INDEX "Task_trajectoryId_status_idx" ON "Task"("trajectoryId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Notification_idempotencyKey_key" ON "Notification"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Notification_state_nextAttemptAt_idx" ON "Notification"("state", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Notification_providerId_createdAt_idx" ON "Notification"("providerId", "createdAt");

-- CreateIndex
CREATE INDEX "Notification_trajectoryId_createdAt_idx" ON "Notification"("trajectoryId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "AuditEvent_idempotencyKey_key" ON "AuditEvent"("idempotencyKey");

-- CreateIndex
CREATE INDEX "AuditEvent_trajectoryId_occurredAt_idx" ON "AuditEvent"("trajectoryId", "occurredAt");

-- CreateIndex
CREATE INDEX "AuditEvent_occurredAt_idx" ON "AuditEvent"("occurredAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ClientIdentity" ADD CONSTRAINT "ClientIdentity_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Tariff" ADD CONSTRAINT "Tariff_productCode_fkey" FOREIGN KEY ("productCode") REFERENCES "Product"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_clientId_fkey" FOREIGN KEY ("clientId") REFERENCES "Client"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Trajectory" ADD CONSTRAINT "Trajectory_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indication" ADD CONSTRAINT "Indication_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Indication" ADD CONSTRAINT "Indication_productCode_fkey" FOREIGN KEY ("productCode") REFERENCES "Product"("code") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZrmAssessment" ADD CONSTRAINT "ZrmAssessment_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZrmAssessment" ADD CONSTRAINT "ZrmAssessment_indicationId_fkey" FOREIGN KEY ("indicationId") REFERENCES "Indication"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ZrmScore" ADD CONSTRAINT "ZrmScore_assessmentId_fkey" FOREIGN KEY ("assessmentId") REFERENCES "ZrmAssessment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HourDeclaration" ADD CONSTRAINT "HourDeclaration_indicationId_fkey" FOREIGN KEY ("indicationId") REFERENCES "Indication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "NoShow" ADD CONSTRAINT "NoShow_indicationId_fkey" FOREIGN KEY ("indicationId") REFERENCES "Indication"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Task" ADD CONSTRAINT "Task_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Notification" ADD CONSTRAINT "Notification_providerId_fkey" FOREIGN KEY ("providerId") REFERENCES "Provider"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_trajectoryId_fkey" FOREIGN KEY ("trajectoryId") REFERENCES "Trajectory"("id") ON DELETE SET NULL ON UPDATE CASCADE;

