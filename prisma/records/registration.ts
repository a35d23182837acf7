import { intakeDueAt } from '../../domain/deadlines';
import { Prisma, type ClientIdentity, type PrismaClient, type Trajectory } from '../client';
import { auditRow } from './audit';
import { fromDateColumn, toDateColumn } from './dates';

export interface RegistrationInput {
  client: { bsn: string; fullName: string; dateOfBirth: string; email?: string; phone?: string };
  providerId: string;
  teamId: string;
  actorId: string;
  registeredAt: Date;
  /** The consultant states that the known person's name or date of birth was wrong and corrects it. */
  correctIdentity?: boolean;
}

/** Names compare as people read them: case, spacing and Unicode composition aside. */
const sameName = (a: string, b: string) => {
  const plain = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl');
  return plain(a) === plain(b);
};

/** Which of name and date of birth differ from the person already known by this BSN. */
function identityDifferences(known: ClientIdentity, client: RegistrationInput['client']): string[] {
  return [
    ...(sameName(known.fullName, client.fullName) ? [] : ['fullName']),
    ...(fromDateColumn(known.dateOfBirth) === client.dateOfBirth ? [] : ['dateOfBirth']),
  ];
}

/**
 * One person, one identity: a known BSN with another name or date of birth is refused (the fields
 * that differ are returned, nothing is written), unless the consultant corrects the identity
 * explicitly; the correction is audited with the fields it changed, never their values.
 */
async function reconcileIdentity(
  tx: Prisma.TransactionClient,
  known: ClientIdentity,
  input: RegistrationInput,
): Promise<string[]> {
  const differing = identityDifferences(known, input.client);
  if (!differing.length || !input.correctIdentity) return differing;
  await tx.clientIdentity.update({
    where: { clientId: known.clientId },
    data: { fullName: input.client.fullName, dateOfBirth: toDateColumn(input.client.dateOfBirth) },
  });
  await tx.auditEvent.create({
    data: auditRow({
      actor: { type: 'USER', id: input.actorId },
      action: 'IDENTITY_CORRECTED',
      data: { clientId: known.clientId, fields: differing.join(',') },
    }),
  });
  return [];
}

/**
 * A new trajectory; the open one this client already has with this provider; or the fields in which
 * the person differs from the one known by this BSN (nothing written).
 */
export type Registration = { created: Trajectory } | { open: Trajectory } | { identityDiffers: string[] };

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

async function attempt(prisma: PrismaClient, input: RegistrationInput): Promise<Registration> {
  return prisma.$transaction(async (tx) => {
    // One client per BSN: a second trajectory for the same person reuses the pseudonymous id.
    const known = await tx.clientIdentity.findUnique({ where: { bsn: input.client.bsn } });
    const identityDiffers = known ? await reconcileIdentity(tx, known, input) : [];
    if (identityDiffers.length) return { identityDiffers };
    const open = known
      ? await tx.trajectory.findFirst({
          where: { clientId: known.clientId, providerId: input.providerId, phase: { not: 'CLOSED' } },
        })
      : null;
    if (open) return { open };
    const clientId =
      known?.clientId ??
      (
        await tx.client.create({
          data: { identity: { create: { ...input.client, dateOfBirth: toDateColumn(input.client.dateOfBirth) } } },
        })
      ).id;
    const created = await tx.trajectory.create({
      data: {
        clientId,
        providerId: input.providerId,
        teamId: input.teamId,
        registeredAt: input.registeredAt,
        intakeDueAt: intakeDueAt(input.registeredAt),
      },
    });
    await tx.auditEvent.create({
      data: auditRow({
        trajectoryId: created.id,
        actor: { type: 'USER', id: input.actorId },
        action: 'TRAJECTORY_REGISTERED',
        data: { providerId: input.providerId, registeredAt: input.registeredAt.toISOString() },
      }),
    });
    return { created };
  });
}

/**
 * Writes client, trajectory and audit event in one transaction. The database decides races: the
 * unique BSN and the partial unique index (one open trajectory per client and provider) make the
 * loser of two simultaneous registrations fail, and its second attempt then finds the winner's rows.
 */
export async function registerTrajectory(prisma: PrismaClient, input: RegistrationInput): Promise<Registration> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(prisma, input);
    } catch (error) {
      // A conflict the retry does not explain (the winner's row is gone again) is not retried for ever.
      if (!isUniqueViolation(error) || tries === 3) throw error;
    }
  }
}
