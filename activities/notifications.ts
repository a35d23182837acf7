import type { Prisma, PrismaClient, Role } from '../prisma/client';

export interface EnqueueNotification {
  /** Deterministic, so a retried activity or a replayed timer never sends twice. */
  idempotencyKey: string;
  trajectoryId: string;
  recipientRole: Role;
  providerId?: string;
  teamId?: string;
  kind: string;
  /** Ids and dates only: the outbox row is read by delivery code, never personal data here. */
  payload: Prisma.InputJsonObject;
}

/** Puts a notification in the outbox (delivery is a separate concern that retries until sent). */
export function enqueueNotification(prisma: PrismaClient) {
  return async (n: EnqueueNotification): Promise<void> => {
    await prisma.notification.createMany({ data: [{ ...n, channel: 'EMAIL' }], skipDuplicates: true });
  };
}
