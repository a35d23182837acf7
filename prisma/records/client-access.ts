import type { AccessKind } from '../../domain/client-access';
import type { Prisma, PrismaClient, Role } from '../client';
import { staffOf, staffView } from './staff';

/** One client's data shown: whose, and through which trajectory where there was one. */
export interface Seen {
  clientId: string;
  trajectoryId?: string;
}

/**
 * Logs that a person saw these clients' data (NEN 7513). Awaited before the answer leaves: data
 * shown without its line in the log would be a look nobody can account for.
 */
export async function recordAccess(
  prisma: PrismaClient,
  viewer: { id: string; role: Role },
  kind: AccessKind,
  seen: Seen[],
): Promise<void> {
  if (seen.length === 0) return;
  // One statement for a search's hundred lines: Prisma's createMany costs about as much as the search itself.
  await prisma.$executeRaw`
    INSERT INTO "ClientAccess" ("clientId", "trajectoryId", "userId", role, kind)
    SELECT seen."clientId", seen."trajectoryId", ${viewer.id}::uuid, ${viewer.role}::"Role", ${kind}::"AccessKind"
    FROM unnest(${seen.map((s) => s.clientId)}::uuid[], ${seen.map((s) => s.trajectoryId ?? null)}::uuid[])
      AS seen ("clientId", "trajectoryId")`;
}

/** A period of the log: from the first instant, up to (not including) the last. */
export interface Period {
  from?: Date;
  until?: Date;
}

const line = {
  occurredAt: true,
  kind: true,
  role: true,
  trajectoryId: true,
  user: { select: staffOf },
} satisfies Prisma.ClientAccessSelect;

/**
 * The log's lines within the period, of one client's data or of one person's looks: the latest first
 * (a window of them), and their count.
 */
export function accessLogOf(prisma: PrismaClient, whose: { clientId: string } | { userId: string }, period: Period) {
  const where: Prisma.ClientAccessWhereInput = { ...whose, occurredAt: { gte: period.from, lt: period.until } };
  return {
    lines: async (window: { take: number; skip: number }) => {
      const rows = await prisma.clientAccess.findMany({
        where,
        select: line,
        orderBy: [{ occurredAt: 'desc' }, { id: 'desc' }],
        ...window,
      });
      return rows.map(({ user, ...r }) => ({ ...r, user: staffView(user) }));
    },
    count: () => prisma.clientAccess.count({ where }),
  };
}
