import type { SecretBox } from '../../activities/sealing';
import type { PrismaClient } from '../client';

/** Seed 003: with an extension or a proposed change the provider reports on these, in its own words. */
export interface ReportContent {
  goalsReached: string;
  stillNeeded: string;
  intendedOutflow: string;
}

export type ReportKind = 'EXTENSION' | 'EXPANSION';

const eachAnswer = (c: ReportContent, f: (answer: string) => string): ReportContent => ({
  goalsReached: f(c.goalsReached),
  stillNeeded: f(c.stillNeeded),
  intendedOutflow: f(c.intendedOutflow),
});

/** The answers as the rows keep them: about the client's care (health data), so sealed like the ZRM scores. */
export const sealedReport = (secrets: SecretBox, content: ReportContent): ReportContent =>
  eachAnswer(content, (a) => secrets.seal(a));

/** Files the report of a request; the workflow gets only its id. */
export async function fileRequestReport(
  prisma: PrismaClient,
  secrets: SecretBox,
  r: { kind: ReportKind; trajectoryId: string; authorId: string; content: ReportContent },
): Promise<string> {
  const row = await prisma.requestReport.create({
    data: { kind: r.kind, trajectoryId: r.trajectoryId, authorId: r.authorId, ...sealedReport(secrets, r.content) },
    select: { id: true },
  });
  return row.id;
}

/**
 * A trajectory's reports, newest first, opened, with their author's name: what the consultant decides
 * a request on (for the consultant and the provider only: it describes the client).
 */
export async function requestReportsOf(prisma: PrismaClient, secrets: SecretBox, trajectoryId: string) {
  const rows = await prisma.requestReport.findMany({
    where: { trajectoryId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    select: {
      id: true,
      kind: true,
      authorId: true,
      createdAt: true,
      goalsReached: true,
      stillNeeded: true,
      intendedOutflow: true,
    },
  });
  const authors = await prisma.user.findMany({
    where: { id: { in: [...new Set(rows.map((r) => r.authorId))] } },
    select: { id: true, displayName: true },
  });
  const name = new Map(authors.map((u) => [u.id, u.displayName]));
  return rows.map((r) => ({
    id: r.id,
    kind: r.kind === 'EXPANSION' ? ('EXPANSION' as const) : ('EXTENSION' as const),
    filedAt: r.createdAt,
    authorName: name.get(r.authorId) ?? null,
    ...eachAnswer(r, (a) => secrets.open(a)),
  }));
}
