import type { Prisma, PrismaClient } from '../prisma/client';
import type { Actor } from './auth';
import { AppError } from './errors';

const nothing = { id: { in: [] as string[] } };

/** The trajectories an actor may see: a consultant's team, a provider's own clients, operations all. */
export function trajectoryScope(actor: Actor): Prisma.TrajectoryWhereInput {
  switch (actor.role) {
    case 'CONSULTANT':
      return actor.teamId ? { teamId: actor.teamId } : nothing;
    case 'PROVIDER':
      return actor.providerId ? { providerId: actor.providerId } : nothing;
    case 'OPERATIONS':
      return {};
  }
}

/** A trajectory in the actor's scope; outside it, a 404 that does not reveal it exists. */
export async function scopedTrajectory(prisma: PrismaClient, actor: Actor, trajectoryId: string) {
  const trajectory = await prisma.trajectory.findFirst({ where: { id: trajectoryId, ...trajectoryScope(actor) } });
  if (!trajectory) throw new AppError(404, 'TRAJECTORY_NOT_FOUND', `No trajectory ${trajectoryId}`);
  return trajectory;
}
