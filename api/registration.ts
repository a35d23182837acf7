import { intakeDueAt } from '../domain/deadlines';
import { Prisma, type ClientIdentity, type PrismaClient, type Trajectory } from '../prisma/client';
import { AppError } from './app-error';
import { auditRow } from '../prisma/records/audit';
import { fromDateColumn, toDateColumn } from '../prisma/records/dates';

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
 * One person, one identity: a known BSN with another name or date of birth is refused (409
 * IDENTITY_MISMATCH, naming the fields but not the stored values), unless the consultant corrects
 * the identity explicitly; the correction is audited with the fields it changed.
 */
async function reconcileIdentity(
  tx: Prisma.TransactionClient,
  known: ClientIdentity,
  input: RegistrationInput,
): Promise<void> {
  const differing = identityDifferences(known, input.client);
  if (!differing.length) return;
  if (!input.correctIdentity) {
    throw new AppError(
      409,
      'IDENTITY_MISMATCH',
      'This BSN is known with another name or date of birth: check the details, or correct the identity (correctIdentity: true)',
      differing.map((field) => ({
        path: `body.client.${field}`,
        message: 'differs from the person known by this BSN',
      })),
    );
  }
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
}

/** A new trajectory, or the open one this client already has with this provider. */
export type Registration = { created: Trajectory } | { open: Trajectory };

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

async function attempt(prisma: PrismaClient, input: RegistrationInput): Promise<Registration> {
  return prisma.$transaction(async (tx) => {
    // One client per BSN: a second trajectory for the same person reuses the pseudonymous id.
    const known = await tx.clientIdentity.findUnique({ where: { bsn: input.client.bsn } });
    if (known) await reconcileIdentity(tx, known, input);
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
