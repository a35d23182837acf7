import type { ClosureReason } from '../domain/closure-reasons';
import type { PrismaClient } from '../prisma/client';

export interface CloseTrajectoryInput {
  trajectoryId: string;
  closedAt: string;
  reason: ClosureReason;
}

/** Marks the trajectory record closed; repeating it leaves the first closure in place. */
export function markTrajectoryClosed(prisma: PrismaClient) {
  return async (input: CloseTrajectoryInput): Promise<void> => {
    await prisma.trajectory.updateMany({
      where: { id: input.trajectoryId, closedAt: null },
      data: { phase: 'CLOSED', closedAt: new Date(input.closedAt), closureReason: input.reason },
    });
  };
}
