import type { PrismaClient } from '../prisma/client';
import { auditRow, type AuditEntry } from '../prisma/records/audit';

export type AuditEventInput = AuditEntry & { idempotencyKey: string; trajectoryId: string };

/** Records an audit event once per key, however often Temporal retries the activity. */
export function recordAuditEvent(prisma: PrismaClient) {
  return async (event: AuditEventInput): Promise<void> => {
    await prisma.auditEvent.createMany({ data: [auditRow(event)], skipDuplicates: true });
  };
}
