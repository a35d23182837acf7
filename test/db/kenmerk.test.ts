import crypto from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { idRangeOf, referenceOf } from '../../domain/reference';
import { registerTrajectory } from '../../prisma/records/registration';
import { seedCatalogue, seedDemo } from '../../prisma/seed/index';
import { demoClients, demoIds, demoTrajectories } from '../../prisma/seed/demo';
import { projectRoot } from '../../scripts/config';
import { createTestDatabase, type TestDatabase } from '../support/database';

/** Node's own, kept before a test draws the ids in its place. */
const draw = crypto.randomUUID.bind(crypto);
/** An id with the kenmerk of `taken` (its first 8 digits) and a tail of its own. */
const sameKenmerk = (taken: string) => `${taken.slice(0, 8)}${draw().slice(8)}`;

describe('a kenmerk names one trajectory', () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase();
    await seedCatalogue(db.prisma);
    await seedDemo(db.prisma, new Date('2026-11-02T09:00:00Z'));
  });
  afterEach(() => jest.restoreAllMocks());
  afterAll(() => db?.drop());

  const demo = demoTrajectories[0];
  const newTrajectory = (id: string, clientId: string) =>
    db.prisma.trajectory.create({
      data: { id, clientId, providerId: demoIds.providerB, teamId: demoIds.teamZeist, registeredAt: new Date() },
    });

  it('when the demo trajectories are seeded, then each has a kenmerk of its own', () => {
    expect(new Set(demoTrajectories.map((t) => referenceOf(t.id))).size).toBe(demoTrajectories.length);
  });

  it('when a trajectory is written with the kenmerk of another, then the database refuses it', async () => {
    await expect(newTrajectory(sameKenmerk(demo.id), demoClients[0].id)).rejects.toMatchObject({ code: 'P2002' });
    const range = idRangeOf(referenceOf(demo.id));
    await expect(db.prisma.trajectory.count({ where: { id: { gte: range?.from, lte: range?.to } } })).resolves.toBe(1);
  });

  it('when the id drawn for a registration has a kenmerk in use, then the registration draws another and writes the client once', async () => {
    // Every id of the first attempt (the client's and the trajectory's) begins as the demo trajectory's.
    const drawn: string[] = [];
    jest.spyOn(crypto, 'randomUUID').mockImplementation(() => {
      const id = drawn.length < 2 ? sameKenmerk(demo.id) : draw();
      drawn.push(id);
      return id as ReturnType<typeof crypto.randomUUID>;
    });
    const bsn = '999990044';
    const registration = await registerTrajectory(db.prisma, {
      client: { bsn, fullName: 'Kenmerk Botsing', dateOfBirth: '1975-06-01' },
      providerId: demoIds.providerA,
      teamId: demoIds.teamZeist,
      actorId: demoIds.consultant,
      registeredAt: new Date(),
    });
    if (!('created' in registration)) throw new Error(`not registered: ${JSON.stringify(registration)}`);
    const { id } = registration.created;
    expect(drawn.slice(0, 2).map(referenceOf)).toEqual([referenceOf(demo.id), referenceOf(demo.id)]);
    expect(referenceOf(id)).not.toBe(referenceOf(demo.id));
    expect(drawn).toContain(id);
    const identity = await db.prisma.clientIdentity.findUniqueOrThrow({ where: { bsn } });
    await expect(db.prisma.trajectory.findMany({ where: { clientId: identity.clientId } })).resolves.toEqual([
      expect.objectContaining({ id }),
    ]);
    await expect(
      db.prisma.auditEvent.count({ where: { action: 'TRAJECTORY_REGISTERED', trajectoryId: id } }),
    ).resolves.toBe(1);
  });

  it('when the migration meets trajectories that already share a kenmerk, then they keep it and no new one takes it', async () => {
    // As an installation from before: the index gone, two trajectories of one kenmerk.
    await db.prisma.$executeRawUnsafe('DROP INDEX "Trajectory_reference_key"');
    const shared = demoTrajectories[1];
    const sharing = await newTrajectory(sameKenmerk(shared.id), demoClients[0].id);
    const sql = readFileSync(
      path.join(projectRoot, 'prisma', 'migrations', '20261218000000_unique_reference', 'migration.sql'),
      'utf8',
    );
    await db.prisma.$executeRawUnsafe(sql);

    await expect(db.prisma.trajectory.count({ where: { id: { in: [shared.id, sharing.id] } } })).resolves.toBe(2);
    const client = await db.prisma.client.create({ data: {} });
    await expect(newTrajectory(sameKenmerk(shared.id), client.id)).rejects.toMatchObject({ code: 'P2002' });
    await expect(newTrajectory(sameKenmerk(demo.id), client.id)).rejects.toMatchObject({ code: 'P2002' });
    await expect(newTrajectory(draw(), client.id)).resolves.toMatchObject({ clientId: client.id });
  });
});
