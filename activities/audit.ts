import type { PrismaClient } from '../prisma/client';
import { insertAuditEvents, type AuditEntry } from '../prisma/records/audit';

export type AuditEventInput = AuditEntry & { idempotencyKey: string; trajectoryId: string };

/** Records an audit event once per key, however often Temporal retries the activity. */
export function recordAuditEvent(prisma: PrismaClient) {
  return async (event: AuditEventInput): Promise<void> => {
    await prisma.$executeRaw(insertAuditEvents([event]));
  };
}
