import { isZrmDomain, isZrmScore, type ZrmScores } from '../../domain/zrm';
import type { Prisma, PrismaClient } from '../client';
import { fromDateColumn } from './dates';

/**
 * A trajectory's ZRM measurements, oldest first: the one at each decision and those taken since
 * (health data: for the consultant and the provider only, never for operations).
 */
export async function zrmAssessmentsOf(prisma: PrismaClient | Prisma.TransactionClient, trajectoryId: string) {
  const rows = await prisma.zrmAssessment.findMany({
    where: { trajectoryId },
    orderBy: [{ assessedOn: 'asc' }, { createdAt: 'asc' }],
    select: { assessedOn: true, scores: { select: { domain: true, score: true } } },
  });
  return rows.map((a) => {
    const scores: ZrmScores = {};
    for (const { domain, score } of a.scores) if (isZrmDomain(domain) && isZrmScore(score)) scores[domain] = score;
    return { assessedOn: fromDateColumn(a.assessedOn), scores };
  });
}
