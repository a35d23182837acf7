import type { Prisma, PrismaClient } from '../prisma/client';
import type { SearchOwner } from '../prisma/records/client-search';
import { fromDateColumn } from '../prisma/records/dates';
import type { Actor } from './auth';
import { AppError } from './app-error';

/** Routes every signed-in role may call (each sees its own scope). */
export const everyRole = ['CONSULTANT', 'PROVIDER', 'OPERATIONS'] as const;

/** A filter no row passes: an actor whose role lacks its team or provider sees nothing. */
export const nothing = { id: { in: [] as string[] } };

/**
 * Whose work a consultant or provider does: the consultant's team, the provider's organisation; none
 * for operations or for an account that lacks its team or provider. Every scope below follows from it.
 */
export function ownerOf(actor: Actor): SearchOwner | undefined {
  if (actor.role === 'CONSULTANT' && actor.teamId) return { teamId: actor.teamId };
  if (actor.role === 'PROVIDER' && actor.providerId) return { providerId: actor.providerId };
  return undefined;
}

/** The trajectories an actor may see: a consultant's team, a provider's own clients, operations all. */
export function trajectoryScope(actor: Actor): Prisma.TrajectoryWhereInput {
  if (actor.role === 'OPERATIONS') return {};
  return ownerOf(actor) ?? nothing;
}

/** The people an actor works with: the consultants of their team, the people of their provider (themselves included). */
export function colleaguesOf(actor: Actor): Prisma.UserWhereInput {
  const owner = ownerOf(actor);
  return owner ? { role: actor.role, ...owner } : nothing;
}

/** A consultant's tasks are their team's; a provider's are its organisation's; operations have none. */
export function taskScope(actor: Actor): Prisma.TaskWhereInput {
  const owner = ownerOf(actor);
  return owner ? { assigneeRole: actor.role, ...owner } : nothing;
}

/** A trajectory in the actor's scope (the fields `select` names); outside it, a 404 that does not reveal it exists. */
export async function scopedTrajectory<S extends Prisma.TrajectorySelect>(
  prisma: PrismaClient,
  actor: Actor,
  trajectoryId: string,
  select: S,
): Promise<Prisma.TrajectoryGetPayload<{ select: S }>> {
  const trajectory = await prisma.trajectory.findFirst({
    where: { AND: [{ id: trajectoryId }, trajectoryScope(actor)] },
    select,
  });
  if (!trajectory) throw new AppError(404, 'TRAJECTORY_NOT_FOUND', `No trajectory ${trajectoryId}`);
  return trajectory;
}

/**
 * The indication in force of a trajectory in the actor's scope, with its period, for what is
 * recorded during care (a ZRM measurement, a support plan): 409 while none runs (`what` says what
 * needs one), 404 outside the scope.
 */
export async function runningIndication(prisma: PrismaClient, actor: Actor, trajectoryId: string, what: string) {
  const trajectory = await scopedTrajectory(prisma, actor, trajectoryId, {
    phase: true,
    indications: {
      where: { status: 'ACTIVE' },
      select: {
        id: true,
        startDate: true,
        endDate: true,
        product: { select: { code: true, region: true, planAgreesContacts: true, requiresStableZrm: true } },
      },
    },
  });
  const [indication] = trajectory.indications;
  if (trajectory.phase !== 'ACTIVE' || !indication)
    throw new AppError(409, 'WRONG_STATE', `${what} while an indication runs`);
  const period = { startDate: fromDateColumn(indication.startDate), endDate: fromDateColumn(indication.endDate) };
  return { id: indication.id, period, region: indication.product.region, product: indication.product };
}

/** Holds the trajectory's row until the transaction ends: two writes checked against the same rows go one after the other. */
export const lockTrajectory = (tx: Prisma.TransactionClient, trajectoryId: string) =>
  tx.$queryRaw`SELECT id FROM "Trajectory" WHERE id = ${trajectoryId}::uuid FOR UPDATE`;
