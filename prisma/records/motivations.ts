import type { SecretBox } from '../../activities/sealing';
import type { PrismaClient } from '../client';

/**
 * What is said with a motivation (_motivering_): a request the consultant decides, or the intake
 * at which the provider found the client does not fit.
 */
export type MotivatedRequest = 'EXTENSION' | 'EXPANSION' | 'INTAKE';

/** Files why a request was decided as it was, sealed (it is about the client's care); the workflow gets the id. */
export async function fileMotivation(
  prisma: PrismaClient,
  secrets: SecretBox,
  m: { kind: MotivatedRequest; trajectoryId: string; authorId: string; text: string },
): Promise<string> {
  const row = await prisma.motivation.create({
    data: { kind: m.kind, trajectoryId: m.trajectoryId, authorId: m.authorId, text: secrets.seal(m.text) },
    select: { id: true },
  });
  return row.id;
}

/** A motivation whose decision the workflow refused is not kept. */
export const dropMotivation = (prisma: PrismaClient, id: string) => prisma.motivation.delete({ where: { id } });

/** The motivations of a trajectory by id, opened: the timeline shows each beside its decision. */
export async function motivationsOf(prisma: PrismaClient, secrets: SecretBox, trajectoryId: string, ids: string[]) {
  if (!ids.length) return [];
  const rows = await prisma.motivation.findMany({
    where: { id: { in: ids }, trajectoryId },
    select: { id: true, text: true },
  });
  return rows.map((r) => ({ id: r.id, text: secrets.open(r.text) }));
}
