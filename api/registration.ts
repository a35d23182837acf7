import { intakeDueAt } from '../domain/deadlines';
import { Prisma, type PrismaClient, type Trajectory } from '../prisma/client';

export interface RegistrationInput {
  client: { bsn: string; fullName: string; dateOfBirth: string; email?: string; phone?: string };
  providerId: string;
  teamId: string;
  actorId: string;
  registeredAt: Date;
}

/** A new trajectory, or the open one this client already has with this provider. */
export type Registration = { created: Trajectory } | { open: Trajectory };

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';

async function attempt(prisma: PrismaClient, input: RegistrationInput): Promise<Registration> {
  return prisma.$transaction(async (tx) => {
    // One client per BSN: a second trajectory for the same person reuses the pseudonymous id.
    const known = await tx.clientIdentity.findUnique({ where: { bsn: input.client.bsn } });
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
          data: { identity: { create: { ...input.client, dateOfBirth: new Date(input.client.dateOfBirth) } } },
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
      data: {
        trajectoryId: created.id,
        actorType: 'USER',
        actorId: input.actorId,
        action: 'TRAJECTORY_REGISTERED',
        data: { providerId: input.providerId, registeredAt: input.registeredAt.toISOString() },
      },
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
