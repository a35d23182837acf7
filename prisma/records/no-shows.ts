import { Prisma } from '../client';

/** A no-show as the workflow assessed it (declarable, how many in a row). */
export interface NoShowRecord {
  indicationId: string;
  occurredAt: string;
  declarable: boolean;
  consecutive: number;
  recordedAt: string;
  recordedById: string;
}

/** Inserts no-shows once per (indication, appointment time): a repeat writes nothing. */
export function insertNoShows(rows: NoShowRecord[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "NoShow" (id, "indicationId", "occurredAt", declarable, consecutive, "recordedAt", "recordedById")
    SELECT gen_random_uuid(), (r->>'indicationId')::uuid, (r->>'occurredAt')::timestamptz, (r->>'declarable')::boolean,
           (r->>'consecutive')::int, (r->>'recordedAt')::timestamptz, (r->>'recordedById')::uuid
    FROM jsonb_array_elements(${JSON.stringify(rows)}::jsonb) AS r
    ON CONFLICT ("indicationId", "occurredAt") DO NOTHING`;
}
