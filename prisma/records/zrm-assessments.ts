import type { SecretBox } from '../../activities/sealing';
import { isZrmDomain, isZrmScore, type ZrmDomain, type ZrmScores } from '../../domain/zrm';
import type { Prisma, PrismaClient } from '../client';
import { fromDateColumn } from './dates';

/** Health data at rest: a measurement's scores, sealed as one value (`ZrmAssessment.sealedScores`). */
export const sealScores = (secrets: SecretBox, scores: Partial<Record<ZrmDomain, number>>): string =>
  secrets.seal(JSON.stringify(scores));

/** The scores a measurement holds: what was sealed, or the plain rows of an older version not sealed yet. */
function scoresOf(secrets: SecretBox, sealed: string | null, plain: { domain: string; score: number }[]): ZrmScores {
  const entries = sealed === null ? plain.map((s) => [s.domain, s.score]) : Object.entries(openScores(secrets, sealed));
  const scores: ZrmScores = {};
  for (const [domain, score] of entries)
    if (typeof domain === 'string' && isZrmDomain(domain) && typeof score === 'number' && isZrmScore(score))
      scores[domain] = score;
  return scores;
}

const openScores = (secrets: SecretBox, sealed: string): Record<string, unknown> =>
  JSON.parse(secrets.open(sealed)) as Record<string, unknown>;

/** A trajectory's measurements as `zrmAssessmentsOf` reads them, oldest first. */
export type ZrmMeasurements = Awaited<ReturnType<typeof zrmAssessmentsOf>>;

/**
 * A trajectory's ZRM measurements, oldest first: the one at each decision and those taken since
 * (health data: for the consultant and the provider only, never for operations).
 */
export async function zrmAssessmentsOf(
  prisma: PrismaClient | Prisma.TransactionClient,
  secrets: SecretBox,
  trajectoryId: string,
) {
  const rows = await prisma.zrmAssessment.findMany({
    where: { trajectoryId },
    orderBy: [{ assessedOn: 'asc' }, { createdAt: 'asc' }],
    select: { assessedOn: true, sealedScores: true, scores: { select: { domain: true, score: true } } },
  });
  return rows.map((a) => ({
    assessedOn: fromDateColumn(a.assessedOn),
    scores: scoresOf(secrets, a.sealedScores, a.scores),
  }));
}
