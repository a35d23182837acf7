import { demoIds } from '../../prisma/seed/demo';
import { referenceOf } from '../../domain/reference';
import { bsnOf, useApi } from '../support/api';

describe('API: finding a client by name or a trajectory by its kenmerk', () => {
  const api = useApi();
  const { consultant, providerA, providerB, operations } = api;

  it('when a consultant or provider searches by name, then each word finds the clients in their scope, case and accents aside, by name; operations may not; an unusable name is a 400', async () => {
    const named = async (fullName: string, n: number, providerId: string) => {
      const client = { bsn: bsnOf(n, 977), fullName, dateOfBirth: '1990-06-15' };
      const res = await consultant.post('/trajectories', { client, providerId }).expect(201);
      return res.body.trajectoryId as string;
    };
    const ayse = await named('Ayşe Öztürk', 1, demoIds.providerA);
    const anna = await named('Anna Jansen-de Boer', 2, demoIds.providerA);
    const jan = await named('Jan de Vries', 3, demoIds.providerB);
    const search = (who: typeof consultant, name: string) => who.post('/trajectories/search', { name });
    const found = async (who: typeof consultant, name: string) => {
      const res = await search(who, name).expect(200);
      expect(res.body.total).toBe(res.body.items.length);
      return res.body.items.map((t: { id: string }) => t.id);
    };

    // Accents, case, the order of the words and a hyphen in the name do not matter.
    const byAccent = (await search(consultant, 'ayse OZTURK').expect(200)).body;
    expect(byAccent.items).toEqual([
      expect.objectContaining({
        id: ayse,
        client: { fullName: 'Ayşe Öztürk', dateOfBirth: '1990-06-15', bsn: bsnOf(1, 977) },
      }),
    ]);
    expect(await found(consultant, 'boer jansen')).toEqual([anna]);
    // Every word must occur: "de" finds two, in the order of their names; "de xyz" none.
    expect(await found(consultant, 'de')).toEqual([anna, jan]);
    expect(await found(consultant, 'de xyz')).toEqual([]);

    // A provider finds only its own clients, without the BSN; another team finds none.
    const ofProviderA = (await search(providerA, 'öztürk').expect(200)).body.items;
    expect(ofProviderA.map((t: { id: string; client: object }) => [t.id, t.client])).toEqual([
      [ayse, { fullName: 'Ayşe Öztürk', dateOfBirth: '1990-06-15' }],
    ]);
    expect(await found(providerA, 'vries')).toEqual([]);
    expect(await found(providerB, 'de')).toEqual([jan]);
    expect(await found(api.otherConsultant, 'ozturk')).toEqual([]);
    // Operations see no client names.
    expect((await search(operations, 'ozturk')).status).toBe(403);

    // One letter finds half the clients; a name and a BSN together, or neither, say nothing clear.
    const refused = async (body: object, path: string) => {
      const res = await consultant.post('/trajectories/search', body).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path })]);
    };
    await refused({ name: 'a' }, 'body.name');
    await refused({ name: 'a b c' }, 'body.name');
    await refused({ name: ' - ' }, 'body.name');
    await refused({ name: 'a b c d e f g h ij' }, 'body.name');
    await refused({}, 'body');
    await refused({ name: 'de', bsn: bsnOf(1, 977) }, 'body');
  });

  it('when someone searches by the kenmerk an e-mail named (T- and 8 hex digits, any case, the dash optional), then they find that trajectory in their scope, and the look is logged; a malformed kenmerk is a 400', async () => {
    const client = { bsn: bsnOf(9, 977), fullName: 'Karel Kenmerk', dateOfBirth: '1950-01-31' };
    const { trajectoryId } = (
      await consultant.post('/trajectories', { client, providerId: demoIds.providerA }).expect(201)
    ).body as { trajectoryId: string };
    const kenmerk = referenceOf(trajectoryId);
    const found = async (who: typeof consultant, reference: string) =>
      (await who.post('/trajectories/search', { reference }).expect(200)).body.items.map(
        (t: { id: string; client?: { fullName: string } }) => [t.id, t.client?.fullName],
      );
    expect(await found(consultant, kenmerk)).toEqual([[trajectoryId, 'Karel Kenmerk']]);
    expect(await found(providerA, kenmerk.toLowerCase().replace('-', ''))).toEqual([[trajectoryId, 'Karel Kenmerk']]);
    expect(await found(operations, ` ${kenmerk} `)).toEqual([[trajectoryId, undefined]]);
    // Out of scope, or a kenmerk of no trajectory: the same empty answer.
    expect(await found(providerB, kenmerk)).toEqual([]);
    expect(await found(api.otherConsultant, kenmerk)).toEqual([]);
    const unknown = trajectoryId.startsWith('0') ? 'T-FFFFFFFF' : 'T-00000000';
    expect(await found(consultant, unknown)).toEqual([]);
    const logged = await api.db.prisma.clientAccess.findMany({
      where: { trajectoryId, kind: 'FOUND_BY_REFERENCE' },
      select: { userId: true },
      orderBy: { id: 'asc' },
    });
    expect(logged.map((l) => l.userId)).toEqual([demoIds.consultant, demoIds.providerUserA, demoIds.operations]);

    for (const reference of ['T-12345', '5F3C9A2E', 'T-5F3C9A2G']) {
      const res = await consultant.post('/trajectories/search', { reference }).expect(400);
      expect(res.body.error.details).toEqual([expect.objectContaining({ path: 'body.reference' })]);
    }
    await consultant.post('/trajectories/search', { reference: kenmerk, name: 'Karel' }).expect(400);
  });
});
