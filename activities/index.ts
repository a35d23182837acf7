import type { PrismaClient } from '../prisma/client';
import { recordAuditEvent } from './audit';
import { markTrajectoryClosed } from './trajectory';

export interface ActivityDependencies {
  prisma: PrismaClient;
}

/** All activities, built from their dependencies: the worker passes real ones, tests may pass others. */
export function createActivities({ prisma }: ActivityDependencies) {
  return {
    recordAuditEvent: recordAuditEvent(prisma),
    markTrajectoryClosed: markTrajectoryClosed(prisma),
  };
}
