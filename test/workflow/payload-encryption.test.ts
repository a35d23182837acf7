import { randomBytes } from 'node:crypto';
import { Client } from '@temporalio/client';
import request from 'supertest';
import { createApp } from '../../api/app';
import { mintToken } from '../../api/auth';
import { AesGcmPayloadCodec, parsePayloadKeys } from '../../api/payload-codec';
import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { zrmAssessmentsOf } from '../../prisma/records/zrm-assessments';
import { decideIndication, getState, recordIntake, trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { trajectoryWorkflow } from '../../workflows/trajectory/workflow';
import { eventually } from '../support/eventually';
import { useLifecycle } from '../support/lifecycle';
import { capturingLogger } from '../support/logs';
import { startTestTemporal } from '../support/temporal';
import { testSecrets } from '../support/delivery';

interface RawPayload {
  metadata?: Record<string, Uint8Array>;
  data?: Uint8Array;
}

/**
 * Every payload anywhere in a history, found by its shape; three kinds aside that Temporal or the
 * SDK must read itself and no codec sees: search attributes (ids and codes only,
 * workflows/trajectory/search-attributes.ts), the SDK's patch markers (the patch's name), and a
 * local activity marker's bookkeeping (checked below to hold nothing else).
 */
const unencoded = new Set(['searchAttributes', 'patch-data', 'data']);

const localActivityBookkeeping = [
  'activity_id',
  'activity_type',
  'attempt',
  'backoff',
  'complete_time',
  'original_schedule_time',
  'seq',
];
function payloadsIn(value: unknown, found: RawPayload[] = []): RawPayload[] {
  if (!value || typeof value !== 'object' || value instanceof Uint8Array) return found;
  const candidate = value as RawPayload;
  if (candidate.metadata && typeof candidate.metadata === 'object' && candidate.data instanceof Uint8Array)
    found.push(candidate);
  for (const [key, child] of Object.entries(value)) if (!unencoded.has(key)) payloadsIn(child, found);
  return found;
}

const text = (bytes?: Uint8Array) => Buffer.from(bytes ?? []).toString();

describe('workflow payloads are encrypted (AES-GCM, key id in the metadata)', () => {
  const world = useLifecycle(startTestTemporal, { demoTrajectories: false });
  const key1 = `k1=${randomBytes(32).toString('hex')}`;
  const key2 = `k2=${randomBytes(32).toString('base64')}`;
  const converter = (keys: string) => ({ payloadCodecs: [new AesGcmPayloadCodec(parsePayloadKeys(keys))] });

  it('when a trajectory is decided through encrypting client and worker, then its history holds only ciphertext; a rotated key still reads it', async () => {
    const client = await world.db.prisma.client.create({ data: {} });
    const { id: trajectoryId } = await world.db.prisma.trajectory.create({
      data: { clientId: client.id, providerId: demoIds.providerA, teamId: demoIds.teamZeist, registeredAt: new Date() },
    });
    const zrm = Object.fromEntries(zrmDomains.map((d, i) => [d, (i % 5) + 1]));
    const workflowId = trajectoryWorkflowId(trajectoryId);
    const taskQueue = `encrypted-${trajectoryId}`;

    const encrypting = new Client({ connection: world.env.connection, dataConverter: converter(key1) });
    const worker = await world.newWorker(taskQueue, { dataConverter: converter(key1) });
    await worker.runUntil(async () => {
      const handle = await encrypting.workflow.start(trajectoryWorkflow, {
        workflowId,
        taskQueue,
        args: [
          {
            trajectoryId,
            providerId: demoIds.providerA,
            teamId: demoIds.teamZeist,
            registeredAt: new Date().toISOString(),
          },
        ],
      });
      // The business day in Amsterdam, as the intake rule reads it (the UTC date is a day behind from 23:00 or 22:00 UTC).
      const today = dateOf(new Date());
      await handle.executeUpdate(recordIntake, { args: [{ heldOn: today, actorId: demoIds.providerUserA }] });
      await handle.executeUpdate(decideIndication, {
        args: [
          {
            productCode: '02B05',
            startDate: today,
            endDate: addMonths(today, 6),
            hoursPerWeek: 3,
            zrm,
            actorId: demoIds.consultant,
          },
        ],
      });
      // The worker stores the scores sealed in the database too (health data at rest).
      await eventually(
        () => zrmAssessmentsOf(world.db.prisma, testSecrets, trajectoryId),
        (measured) => measured.length === 1 && Object.keys(measured[0]!.scores).length === zrmDomains.length,
      );
    });

    // What Temporal stores, read without the key (as the Web UI or anyone with server access would).
    const history = await world.env.client.workflow.getHandle(workflowId).fetchHistory();
    const payloads = payloadsIn(history);
    expect(payloads.length).toBeGreaterThan(5);
    for (const p of payloads) {
      expect(text(p.metadata?.encoding)).toBe('binary/encrypted');
      expect(text(p.metadata?.['encryption-key-id'])).toBe('k1');
    }
    const markers = (history.events ?? []).flatMap((e) => e.markerRecordedEventAttributes ?? []);
    const bookkeeping = markers.flatMap((m) => m.details?.data?.payloads ?? []);
    expect(bookkeeping.length).toBeGreaterThan(5);
    for (const p of bookkeeping)
      expect(Object.keys(JSON.parse(text(p.data ?? undefined))).sort()).toEqual(localActivityBookkeeping);
    const everything = payloads.map((p) => text(p.data)).join('');
    expect(everything).not.toContain('SOCIAL_NETWORK');
    expect(everything).not.toContain('02B05');

    // Rotation: k2 encrypts from now on, k1 still decrypts what was written with it.
    const rotated = new Client({ connection: world.env.connection, dataConverter: converter(`${key2},${key1}`) });
    const rotatedWorker = await world.newWorker(taskQueue, { dataConverter: converter(`${key2},${key1}`) });
    await rotatedWorker.runUntil(async () => {
      const state = await rotated.workflow.getHandle(workflowId).query(getState);
      expect(state.phase).toBe('ACTIVE');
      // Without a key the answer cannot be read.
      await expect(world.env.client.workflow.getHandle(workflowId).query(getState)).rejects.toThrow();
    });

    // Operations can read it through the codec endpoint (Temporal's remote codec protocol); nobody else.
    const codec = new AesGcmPayloadCodec(parsePayloadKeys(`${key2},${key1}`));
    const app = createApp({
      prisma: world.db.prisma,
      temporal: rotated,
      temporalProbe: world.env.connection,
      taskQueue,
      jwtSecret: 'a codec test secret, at least 32 characters',
      secrets: testSecrets,
      payloadCodec: codec,
      logger: capturingLogger().logger,
    });
    const started = payloads[0]!;
    const body = {
      payloads: [
        {
          metadata: Object.fromEntries(
            Object.entries(started.metadata!).map(([k, v]) => [k, Buffer.from(v).toString('base64')]),
          ),
          data: Buffer.from(started.data!).toString('base64'),
        },
      ],
    };
    const token = (user: string) => mintToken('a codec test secret, at least 32 characters', user, '1h');
    const decoded = await request(app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${await token(demoIds.operations)}`)
      .send(body);
    expect(decoded.status).toBe(200);
    expect(Buffer.from(decoded.body.payloads[0].metadata.encoding, 'base64').toString()).toBe('json/plain');
    expect(Buffer.from(decoded.body.payloads[0].data, 'base64').toString()).toContain(trajectoryId);
    const refused = await request(app)
      .post('/codec/decode')
      .set('Authorization', `Bearer ${await token(demoIds.consultant)}`)
      .send(body);
    expect(refused.status).toBe(403);
    expect((await request(app).post('/codec/decode').send(body)).status).toBe(401);
  });

  it('when a key is malformed, then it is refused with the reason', () => {
    expect(() => parsePayloadKeys('k1=abc')).toThrow(/32 bytes/);
    expect(() => parsePayloadKeys('no-key-here')).toThrow(/id=key/);
  });
});
