import { SecretBox } from '../../activities/sealing';
import type { PrismaClient } from '../client';
import { auditRow } from './audit';
import { sealedReport } from './request-reports';
import { sealScores } from './zrm-assessments';

const BATCH = 500;

/**
 * ZRM measurements an older version kept as plain rows: sealed into their measurement, the rows deleted,
 * a batch per transaction. A measurement is sealed once even when two APIs start together (the update
 * takes only those still unsealed; only their rows are deleted). Resolves with how many were sealed.
 */
async function sealPlainMeasurements(prisma: PrismaClient, secrets: SecretBox): Promise<number> {
  let sealed = 0;
  for (;;) {
    const plain = await prisma.zrmAssessment.findMany({
      where: { sealedScores: null },
      select: { id: true, scores: { select: { domain: true, score: true } } },
      take: BATCH,
    });
    if (!plain.length) return sealed;
    const ids = plain.map((a) => a.id);
    const values = plain.map((a) => sealScores(secrets, Object.fromEntries(a.scores.map((s) => [s.domain, s.score]))));
    sealed += await prisma.$transaction(async (tx) => {
      const taken = await tx.$queryRaw<{ id: string }[]>`
        UPDATE "ZrmAssessment" a SET "sealedScores" = v.sealed
        FROM unnest(${ids}::uuid[], ${values}::text[]) AS v(id, sealed)
        WHERE a.id = v.id AND a."sealedScores" IS NULL
        RETURNING a.id::text`;
      await tx.zrmScore.deleteMany({ where: { assessmentId: { in: taken.map((t) => t.id) } } });
      return taken.length;
    });
  }
}

/**
 * Rows an older version kept in plain, a batch at a time until none is left: each sealed only where it
 * still holds the value read (a second API starting at the same time leaves it to the first).
 */
async function sealEach<T>(plainBatch: () => Promise<T[]>, seal: (row: T) => Promise<{ count: number }>) {
  let sealed = 0;
  for (;;) {
    const plain = await plainBatch();
    if (!plain.length) return sealed;
    for (const row of plain) sealed += (await seal(row)).count;
  }
}

/** Support plans' results. */
const sealPlainGoals = (prisma: PrismaClient, secrets: SecretBox) =>
  sealEach(
    () =>
      prisma.supportPlanGoal.findMany({
        where: { NOT: { result: { startsWith: SecretBox.prefix } } },
        select: { planId: true, domain: true, result: true },
        take: BATCH,
      }),
    (g) =>
      prisma.supportPlanGoal.updateMany({
        where: { planId: g.planId, domain: g.domain, result: g.result },
        data: { result: secrets.seal(g.result) },
      }),
  );

/** Request reports: their three answers together. */
const sealPlainReports = (prisma: PrismaClient, secrets: SecretBox) =>
  sealEach(
    () =>
      prisma.requestReport.findMany({
        where: { NOT: { goalsReached: { startsWith: SecretBox.prefix } } },
        select: { id: true, goalsReached: true, stillNeeded: true, intendedOutflow: true },
        take: BATCH,
      }),
    ({ id, ...content }) =>
      prisma.requestReport.updateMany({
        where: { id, goalsReached: content.goalsReached },
        data: sealedReport(secrets, content),
      }),
  );

/** What came of a completed task (a risk analysis, a follow-up plan). */
const sealPlainOutcomes = (prisma: PrismaClient, secrets: SecretBox) =>
  sealEach(
    () =>
      prisma.task.findMany({
        where: { outcome: { not: null }, NOT: { outcome: { startsWith: SecretBox.prefix } } },
        select: { id: true, outcome: true },
        take: BATCH,
      }),
    ({ id, outcome }) =>
      prisma.task.updateMany({
        where: { id, outcome },
        data: { outcome: outcome === null ? null : secrets.seal(outcome) },
      }),
  );

/** Why an intake day or a month's hours were corrected. */
const sealPlainReasons = (prisma: PrismaClient, secrets: SecretBox) =>
  sealEach(
    () =>
      prisma.correction.findMany({
        where: { NOT: { reason: { startsWith: SecretBox.prefix } } },
        select: { id: true, reason: true },
        take: BATCH,
      }),
    ({ id, reason }) => prisma.correction.updateMany({ where: { id, reason }, data: { reason: secrets.seal(reason) } }),
  );

/**
 * Health data and notes on a client's care that an older version stored in plain (ZRM scores, the
 * results a support plan seeks, request reports, task outcomes, correction reasons) are sealed at
 * start-up, before the API serves, so a copy of the database gives none away; audited once, with the
 * system as actor and the counts only.
 */
export async function sealPlainHealthData(prisma: PrismaClient, secrets: SecretBox) {
  const sealed = {
    measurements: await sealPlainMeasurements(prisma, secrets),
    goals: await sealPlainGoals(prisma, secrets),
    reports: await sealPlainReports(prisma, secrets),
    outcomes: await sealPlainOutcomes(prisma, secrets),
    reasons: await sealPlainReasons(prisma, secrets),
  };
  if (Object.values(sealed).some((n) => n > 0))
    await prisma.auditEvent.create({
      data: auditRow({ actor: { type: 'SYSTEM', id: 'start-up' }, action: 'HEALTH_DATA_SEALED', data: sealed }),
    });
  return sealed;
}
