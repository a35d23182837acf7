import type { PrismaClient } from '../prisma/client';
import { auditRow, type AuditEntry } from '../prisma/records/audit';

export type AuditEventInput = AuditEntry & { idempotencyKey: string; trajectoryId: string };

/** Records an audit event once per key, however often Temporal retries the activity. */
export function recordAuditEvent(prisma: PrismaClient) {
  return async (event: AuditEventInput): Promise<void> => {
    await auditEventsOnce(prisma, [event]);
  };
}

/** The events in their order (ascending ids keep it), each once per idempotency key. */
export const auditEventsOnce = (prisma: PrismaClient, events: AuditEventInput[]) =>
  prisma.auditEvent.createMany({ data: events.map(auditRow), skipDuplicates: true });
