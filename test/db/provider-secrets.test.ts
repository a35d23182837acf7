import { Client, Connection } from '@temporalio/client';
import { demoIds } from '../../prisma/seed/demo';
import { seedOrganisation } from '../../prisma/seed/index';
import { serveApi } from '../../scripts/api-server';
import { Shutdown } from '../../scripts/lifecycle';
import { freePort } from '../../scripts/ports';
import { testSecrets } from '../support/delivery';
import { createTestDatabase, type TestDatabase } from '../support/database';
import { capturingLogger } from '../support/logs';

/** Webhook secrets an older version stored in plain text (before stop 21) are sealed when the API starts. */
describe('start-up: webhook secrets stored in plain text', () => {
  let db: TestDatabase;
  const plain = `whsec_${Buffer.alloc(32, 7).toString('base64')}`;
  const other = `whsec_${Buffer.alloc(32, 9).toString('base64')}`;

  beforeAll(async () => {
    db = await createTestDatabase();
    await seedOrganisation(db.prisma);
  });
  afterAll(() => db?.drop());

  /** The API as run-api and npm start serve it (Temporal is not needed to start: the connection is lazy). */
  async function startAndStopApi(): Promise<void> {
    const shutdown = new Shutdown(5_000, () => undefined);
    const connection = Connection.lazy({ address: `127.0.0.1:${await freePort()}` });
    shutdown.add('connection', () => connection.close());
    await serveApi(
      shutdown,
      {
        prisma: db.prisma,
        temporal: new Client({ connection }),
        temporalProbe: connection,
        taskQueue: 'sealing',
        jwtSecret: 'a start-up test secret, at least 32 characters',
        secrets: testSecrets,
        logger: capturingLogger().logger,
      },
      '127.0.0.1',
      0,
    );
    await shutdown.run();
  }
  const stored = async (providerId: string) =>
    (await db.prisma.provider.findUniqueOrThrow({ where: { id: providerId } })).webhookSecret;
  const sealings = () => db.prisma.auditEvent.findMany({ where: { action: 'PROVIDER_WEBHOOK_SECRET_SEALED' } });

  it('when the API starts, then a plain secret is sealed (audited) and still signs the same, a sealed one is left as it is, and a second start changes nothing', async () => {
    const alreadySealed = testSecrets.seal(other);
    const webhookUrl = 'https://hooks.example/wmo';
    await db.prisma.provider.update({ where: { id: demoIds.providerA }, data: { webhookUrl, webhookSecret: plain } });
    await db.prisma.provider.update({
      where: { id: demoIds.providerB },
      data: { webhookUrl, webhookSecret: alreadySealed },
    });

    await startAndStopApi();
    const sealed = await stored(demoIds.providerA);
    expect(sealed).toMatch(/^sealed:test:/);
    expect(sealed).not.toContain(plain.slice(6, 20));
    expect(testSecrets.open(sealed!)).toBe(plain);
    expect(await stored(demoIds.providerB)).toBe(alreadySealed);
    expect(await sealings()).toEqual([
      expect.objectContaining({ actorType: 'SYSTEM', data: { providerId: demoIds.providerA } }),
    ]);

    await startAndStopApi();
    expect(await stored(demoIds.providerA)).toBe(sealed);
    expect(await sealings()).toHaveLength(1);
  });
});
