import type { Prisma } from '../client';

/** Who did something: a person (user id), a workflow (its id) or the system. */
export type Actor = { type: 'USER' | 'WORKFLOW' | 'SYSTEM'; id: string };

export interface AuditEntry {
  /** Set by activities, so that a retry records the event once. */
  idempotencyKey?: string;
  trajectoryId?: string;
  actor: Actor;
  action: string;
  data: Prisma.InputJsonObject;
}

/** The one shape of an audit row, written by activities and by the API alike (the table is append-only). */
export const auditRow = (entry: AuditEntry): Prisma.AuditEventCreateManyInput => ({
  idempotencyKey: entry.idempotencyKey,
  trajectoryId: entry.trajectoryId,
  actorType: entry.actor.type,
  actorId: entry.actor.id,
  action: entry.action,
  data: entry.data,
});
