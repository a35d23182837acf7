import type { Prisma, PrismaClient } from '../prisma/client';

export interface AuditEventInput {
  idempotencyKey: string;
  trajectoryId: string;
  actor: { type: 'USER' | 'WORKFLOW' | 'SYSTEM'; id: string };
  action: string;
  data: Prisma.InputJsonObject;
}

/** Records an audit event once per key, however often Temporal retries the activity. */
export function recordAuditEvent(prisma: PrismaClient) {
  return async (event: AuditEventInput): Promise<void> => {
    await prisma.auditEvent.createMany({
      data: [
        {
          idempotencyKey: event.idempotencyKey,
          trajectoryId: event.trajectoryId,
          actorType: event.actor.type,
          actorId: event.actor.id,
          action: event.action,
          data: event.data,
        },
      ],
      skipDuplicates: true,
    });
  };
}
