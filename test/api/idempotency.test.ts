import { createHash } from 'node:crypto';
import { dateOf } from '../../domain/calendar';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';

describe('API: a POST repeated with the same Idempotency-Key', () => {
  const api = useApi();
  const { consultant, providerA } = api;
  const registration = {
    client: { bsn: bsnOf(8001), fullName: 'Idempotent Client', dateOfBirth: '1975-06-15' },
    providerId: demoIds.providerA,
  };

  it('when a registration is sent twice with one key, then the first answer comes back and one trajectory exists', async () => {
    const headers = { 'Idempotency-Key': 'register-8001' };
    const first = await consultant.post('/trajectories', registration, headers);
    const again = await consultant.post('/trajectories', registration, headers);
    expect(first.status).toBe(201);
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers['idempotent-replayed']).toBe('true');
    const identity = await api.db.prisma.clientIdentity.findUniqueOrThrow({ where: { bsn: registration.client.bsn } });
    expect(await api.db.prisma.trajectory.count({ where: { clientId: identity.clientId } })).toBe(1);
  });

  it('when an update is repeated with one key, then the workflow sees it once; a refusal is repeated as the same refusal', async () => {
    const id = await api.register();
    const body = { heldOn: dateOf(new Date()) };
    const first = await providerA.post(`/trajectories/${id}/intake`, body, { 'Idempotency-Key': 'intake-1' });
    const again = await providerA.post(`/trajectories/${id}/intake`, body, { 'Idempotency-Key': 'intake-1' });
    expect(first.status).toBe(200);
    expect(again.body).toEqual(first.body);
    // Without the key, a second intake is a wrong-state action; with a new key it is refused, and that refusal is kept.
    const refused = await providerA.post(`/trajectories/${id}/intake`, body, { 'Idempotency-Key': 'intake-2' });
    expect(refused.status).toBe(409);
    const refusedAgain = await providerA.post(`/trajectories/${id}/intake`, body, { 'Idempotency-Key': 'intake-2' });
    expect(refusedAgain.status).toBe(409);
    expect(refusedAgain.body).toEqual(refused.body);
    const events = await api.db.prisma.auditEvent.count({ where: { trajectoryId: id, action: 'INTAKE_RECORDED' } });
    expect(events).toBe(1);
  });

  it('when a key is reused for a different body, then 422 and nothing changes; keys are per user', async () => {
    const headers = { 'Idempotency-Key': 'register-8002' };
    const first = await consultant.post(
      '/trajectories',
      { ...registration, client: { ...registration.client, bsn: bsnOf(8002) } },
      headers,
    );
    expect(first.status).toBe(201);
    const before = await api.db.prisma.trajectory.count();
    const reused = await consultant.post(
      '/trajectories',
      { ...registration, client: { ...registration.client, bsn: bsnOf(8003) } },
      headers,
    );
    expect(reused.status).toBe(422);
    expect(reused.body.error).toMatchObject({
      code: 'IDEMPOTENCY_KEY_REUSED',
      details: [{ path: 'headers.Idempotency-Key' }],
    });
    expect(await api.db.prisma.trajectory.count()).toBe(before);
    // Another user's identical key is a different request: the provider is simply refused by role.
    const other = await providerA.post('/trajectories', registration, headers);
    expect(other.status).toBe(403);
  });

  it('when a registration is repeated without a key, then 409 names the open trajectory; another provider is a new trajectory', async () => {
    const body = { ...registration, client: { ...registration.client, bsn: bsnOf(8004) } };
    const first = await consultant.post('/trajectories', body);
    expect(first.status).toBe(201);
    const again = await consultant.post('/trajectories', body);
    expect(again.status).toBe(409);
    expect(again.body.error).toMatchObject({
      code: 'TRAJECTORY_EXISTS',
      details: [{ path: 'body.client.bsn', message: `open trajectory ${first.body.trajectoryId}` }],
    });
    const elsewhere = await consultant.post('/trajectories', { ...body, providerId: demoIds.providerB });
    expect(elsewhere.status).toBe(201);
    expect(elsewhere.body.clientId).toBe(first.body.clientId);
  });

  it('when the key is empty or too long, then 400 naming the header', async () => {
    const res = await consultant.post('/trajectories', registration, { 'Idempotency-Key': 'x'.repeat(300) });
    expect(res.status).toBe(400);
    expect(res.body.error.details[0].path).toBe('headers.Idempotency-Key');
  });

  describe('when the first attempt died with its process and left its key claimed', () => {
    const body = { ...registration, client: { ...registration.client, bsn: bsnOf(8010) } };
    /** What a crashed first attempt leaves: a claim for the same request, with no answer. */
    const claim = (key: string) =>
      api.db.prisma.idempotentRequest.create({
        data: {
          userId: demoIds.consultant,
          key,
          method: 'POST',
          path: '/trajectories',
          bodyHash: createHash('sha256').update(JSON.stringify(body)).digest('hex'),
        },
      });

    it('then a retry within the claim time gets 409 in progress, and one after it is carried out once', async () => {
      await claim('crashed-1');
      const early = await consultant.post('/trajectories', body, { 'Idempotency-Key': 'crashed-1' });
      expect(early.status).toBe(409);
      expect(early.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');

      await api.db.prisma.idempotentRequest.update({
        where: { userId_key: { userId: demoIds.consultant, key: 'crashed-1' } },
        data: { createdAt: new Date(Date.now() - 10 * 60_000) },
      });
      const [a, b] = await Promise.all([
        consultant.post('/trajectories', body, { 'Idempotency-Key': 'crashed-1' }),
        consultant.post('/trajectories', body, { 'Idempotency-Key': 'crashed-1' }),
      ]);
      // Exactly one takes the abandoned claim over; the other sees it in progress or replays its answer.
      const [taken, other] = [a.status, b.status].sort(); // 201 sorts before 409
      expect(taken).toBe(201);
      expect([201, 409]).toContain(other);
      const identity = await api.db.prisma.clientIdentity.findUniqueOrThrow({ where: { bsn: body.client.bsn } });
      expect(await api.db.prisma.trajectory.count({ where: { clientId: identity.clientId } })).toBe(1);
      const replay = await consultant.post('/trajectories', body, { 'Idempotency-Key': 'crashed-1' });
      expect(replay.status).toBe(201);
      expect(replay.headers['idempotent-replayed']).toBe('true');
    });
  });
});
