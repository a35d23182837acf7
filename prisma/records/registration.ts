import { randomUUID } from 'node:crypto';
import { intakeDueAt } from '../../domain/deadlines';
import { Prisma, type PrismaClient, type Trajectory } from '../client';
import { isUniqueViolation } from '../database-errors';
import { insertAuditEvents } from './audit';

export interface RegistrationInput {
  client: { bsn: string; fullName: string; dateOfBirth: string; email?: string; phone?: string };
  providerId: string;
  teamId: string;
  actorId: string;
  registeredAt: Date;
  /** The consultant states that the known person's name or date of birth was wrong and corrects it. */
  correctIdentity?: boolean;
  /** The trajectory the client moves from (overstap, api/routes/trajectory-transfer.ts), named in the audit event. */
  transferredFrom?: string;
}

/** Names compare as people read them: case, spacing and Unicode composition aside. */
const sameName = (a: string, b: string) => {
  const plain = (name: string) => name.normalize('NFC').replace(/\s+/g, ' ').trim().toLocaleLowerCase('nl');
  return plain(a) === plain(b);
};

/** The registration's trajectory as the caller needs it (the API's answer and the workflow's start). */
export type RegisteredTrajectory = Pick<
  Trajectory,
  'id' | 'clientId' | 'providerId' | 'teamId' | 'phase' | 'registeredAt' | 'intakeDueAt'
>;

/**
 * A new trajectory; the open one this client already has with this provider; the fields in which
 * the person differs from the one known by this BSN; or no such provider (nothing written for the
 * last two).
 */
export type Registration =
  | { created: RegisteredTrajectory }
  | { open: RegisteredTrajectory }
  | { identityDiffers: string[] }
  | { unknownProvider: true };

/** The person known by a BSN, as the first statement finds them. */
interface Known {
  clientId: string;
  fullName: string;
  dateOfBirth: string;
}

/** Which of name and date of birth differ from the person already known by this BSN. */
function identityDifferences(known: Known, client: RegistrationInput['client']): string[] {
  return [
    ...(sameName(known.fullName, client.fullName) ? [] : ['fullName']),
    ...(known.dateOfBirth === client.dateOfBirth ? [] : ['dateOfBirth']),
  ];
}

const trajectoryColumns = Prisma.sql`id, "clientId", "providerId", "teamId", phase, "registeredAt", "intakeDueAt"`;

/** A trajectory row as row_to_json gives it: instants as ISO strings. */
type TrajectoryJson = Omit<RegisteredTrajectory, 'registeredAt' | 'intakeDueAt'> & {
  registeredAt: string;
  intakeDueAt: string | null;
};

const fromJson = ({ registeredAt, intakeDueAt, ...rest }: TrajectoryJson): RegisteredTrajectory => ({
  ...rest,
  registeredAt: new Date(registeredAt),
  intakeDueAt: intakeDueAt === null ? null : new Date(intakeDueAt),
});

/** The new trajectory of `client_id` (from a CTE or one id) and its audit event, as CTEs of one statement. */
function newTrajectory(input: RegistrationInput, from: Prisma.Sql, condition: Prisma.Sql): Prisma.Sql {
  const id = randomUUID();
  const registered = {
    trajectoryId: id,
    actor: { type: 'USER', id: input.actorId },
    action: 'TRAJECTORY_REGISTERED',
    data: {
      providerId: input.providerId,
      registeredAt: input.registeredAt.toISOString(),
      ...(input.transferredFrom && { transferredFrom: input.transferredFrom }),
    },
  } as const;
  return Prisma.sql`
    trajectory AS (
      INSERT INTO "Trajectory" (id, "clientId", "providerId", "teamId", "registeredAt", "intakeDueAt", "updatedAt")
      SELECT ${id}::uuid, client_id, ${input.providerId}::uuid, ${input.teamId}::uuid,
             ${input.registeredAt}, ${intakeDueAt(input.registeredAt)}, now()
      FROM ${from} WHERE ${condition}
      RETURNING ${trajectoryColumns}),
    registered AS (${insertAuditEvents([registered], Prisma.sql`EXISTS (SELECT 1 FROM trajectory)`)})`;
}

/**
 * First statement: the provider and the person known by this BSN are looked up, and for a person
 * not known yet (the usual case) client, identity, trajectory and audit event are written with it.
 */
async function registerNewPerson(
  prisma: PrismaClient,
  input: RegistrationInput,
): Promise<Registration | { known: Known }> {
  const { bsn, fullName, dateOfBirth, email = null, phone = null } = input.client;
  const rows = await prisma.$queryRaw<{ providerKnown: boolean; known: Known | null; created: TrajectoryJson }[]>`
    WITH provider AS (SELECT 1 FROM "Provider" WHERE id = ${input.providerId}::uuid),
    known AS (
      SELECT "clientId", "fullName", to_char("dateOfBirth", 'YYYY-MM-DD') AS "dateOfBirth"
      FROM "ClientIdentity" WHERE bsn = ${bsn}),
    client AS (
      INSERT INTO "Client" (id) SELECT ${randomUUID()}::uuid
      WHERE EXISTS (SELECT 1 FROM provider) AND NOT EXISTS (SELECT 1 FROM known)
      RETURNING id AS client_id),
    identity AS (
      INSERT INTO "ClientIdentity" ("clientId", bsn, "fullName", "dateOfBirth", email, phone, "updatedAt")
      SELECT client_id, ${bsn}, ${fullName}, ${dateOfBirth}::date, ${email}, ${phone}, now() FROM client),
    ${newTrajectory(input, Prisma.sql`client`, Prisma.sql`true`)}
    SELECT EXISTS (SELECT 1 FROM provider) AS "providerKnown",
           (SELECT row_to_json(known) FROM known) AS known,
           (SELECT row_to_json(trajectory) FROM trajectory) AS created`;
  const [row] = rows as [(typeof rows)[number]];
  if (!row.providerKnown) return { unknownProvider: true };
  if (row.known) return { known: row.known };
  return { created: fromJson(row.created) };
}

/** The consultant corrects the person known by this BSN: audited with the fields it changed, never their values. */
async function correctIdentity(prisma: PrismaClient, input: RegistrationInput, known: Known, fields: string[]) {
  const { fullName, dateOfBirth } = input.client;
  const corrected = {
    actor: { type: 'USER', id: input.actorId },
    action: 'IDENTITY_CORRECTED',
    data: { clientId: known.clientId, fields: fields.join(',') },
  } as const;
  await prisma.$executeRaw`
    WITH corrected AS (
      UPDATE "ClientIdentity" SET "fullName" = ${fullName}, "dateOfBirth" = ${dateOfBirth}::date, "updatedAt" = now()
      WHERE "clientId" = ${known.clientId}::uuid
      RETURNING "clientId")
    ${insertAuditEvents([corrected], Prisma.sql`EXISTS (SELECT 1 FROM corrected)`)}`;
}

/** Second statement, for a person known by this BSN: the open trajectory this client has with this provider, or a new one. */
async function registerKnownPerson(
  prisma: PrismaClient,
  input: RegistrationInput,
  known: Known,
): Promise<Registration> {
  const rows = await prisma.$queryRaw<(RegisteredTrajectory & { found: 'open' | 'created' })[]>`
    WITH open AS (
      SELECT ${trajectoryColumns} FROM "Trajectory"
      WHERE "clientId" = ${known.clientId}::uuid AND "providerId" = ${input.providerId}::uuid AND phase <> 'CLOSED'
      LIMIT 1),
    ${newTrajectory(input, Prisma.sql`(SELECT ${known.clientId}::uuid AS client_id) AS client`, Prisma.sql`NOT EXISTS (SELECT 1 FROM open)`)}
    SELECT 'open' AS found, * FROM open UNION ALL SELECT 'created' AS found, * FROM trajectory`;
  const [{ found, ...trajectory }] = rows as [(typeof rows)[number]];
  return found === 'open' ? { open: trajectory } : { created: trajectory };
}

/**
 * One person, one identity: a known BSN with another name or date of birth is refused (the fields
 * that differ are returned, nothing is written), unless the consultant corrects the identity explicitly.
 */
async function attempt(prisma: PrismaClient, input: RegistrationInput): Promise<Registration> {
  const first = await registerNewPerson(prisma, input);
  if (!('known' in first)) return first;
  const differing = identityDifferences(first.known, input.client);
  if (differing.length && !input.correctIdentity) return { identityDiffers: differing };
  // The correction stands on its own (the consultant checked the person), also when an open trajectory is found.
  if (differing.length) await correctIdentity(prisma, input, first.known, differing);
  return registerKnownPerson(prisma, input, first.known);
}

/**
 * Registration in one statement for a new person, two for a known one (each statement is atomic:
 * the registration is the hot path, and Prisma's interactive transaction cost it eight round trips,
 * issue 12). The database decides races: the unique BSN and the partial unique index (one open
 * trajectory per client and provider) make the loser of two simultaneous registrations fail, and
 * its second attempt then finds the winner's rows. A new id whose first 8 digits another
 * trajectory's kenmerk already has fails the same way (the kenmerk's unique index), and the second
 * attempt draws another.
 */
export async function registerTrajectory(prisma: PrismaClient, input: RegistrationInput): Promise<Registration> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt(prisma, input);
    } catch (error) {
      // A conflict the retry does not explain (the winner's row is gone again) is not retried for ever.
      if (!isUniqueViolation(error) || tries === 3) throw error;
    }
  }
}
