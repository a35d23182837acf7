import { Prisma } from '../client';

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

/** What a person did through the API, audited in the transaction that did it. */
export const auditUserAction = (
  tx: Prisma.TransactionClient,
  userId: string,
  entry: Pick<AuditEntry, 'trajectoryId' | 'action' | 'data'>,
) => tx.auditEvent.create({ data: auditRow({ ...entry, actor: { type: 'USER', id: userId } }) });

/**
 * The same rows as one SQL statement, or a CTE of one (the hot paths write a change with its audit
 * events in one statement): in their order (ascending ids keep it), each once per idempotency key;
 * `when` ties them to the rest of the statement (only if the trajectory was written, say).
 */
export function insertAuditEvents(entries: AuditEntry[], when: Prisma.Sql = Prisma.sql`true`): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "AuditEvent" ("idempotencyKey", "trajectoryId", "actorType", "actorId", action, data)
    SELECT e->>'idempotencyKey', (e->>'trajectoryId')::uuid, (e->>'actorType')::"ActorType", e->>'actorId',
           e->>'action', e->'data'
    FROM jsonb_array_elements(${JSON.stringify(entries.map(auditRow))}::jsonb) WITH ORDINALITY AS row (e, n)
    WHERE ${when}
    ORDER BY n
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}
