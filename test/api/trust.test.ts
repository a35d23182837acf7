import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { trajectoryWorkflowId } from '../../workflows/trajectory/contracts';
import { bsnOf, useApi } from '../support/api';

const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
/** Amsterdam's business day, read at each use: a suite may run across midnight. */
const today = () => dateOf(new Date());
const report = { goalsReached: 'doelen deels', stillNeeded: 'meer structuur', intendedOutflow: 'over een half jaar' };

/** Issue 9: what goes in is trusted only after the rules, one change at a time, with corrections audited. */
describe('API: trust what goes in', () => {
  const api = useApi();
  const { consultant, providerA, providerB, operations } = api;
  const prisma = () => api.db.prisma;
  const audits = (trajectoryId: string, action: string) =>
    prisma().auditEvent.findMany({ where: { trajectoryId, action } });

  async function intakeHeld(): Promise<string> {
    const id = await api.register();
    await providerA.post(`/trajectories/${id}/intake`, { heldOn: today() }).expect(200);
    return id;
  }

  const indication = (hoursPerWeek: number) => ({
    productCode: '02B05',
    startDate: today(),
    endDate: addDays(addMonths(today(), 3), -1),
    hoursPerWeek,
    zrm: stable,
  });

  it('when ten consultants decide the same indication at once, then exactly one succeeds, the others get 409, and database, workflow and audit agree', async () => {
    const id = await intakeHeld();
    const answers = await Promise.all(
      Array.from({ length: 10 }, (_, i) => consultant.post(`/trajectories/${id}/indication`, indication(i + 1))),
    );
    const statuses = answers.map((a) => a.status).sort();
    expect(statuses).toEqual([200, ...Array<number>(9).fill(409)]);
    const winner = answers.find((a) => a.status === 200)!;
    for (const loser of answers.filter((a) => a.status === 409)) expect(loser.body.error.code).toBe('WRONG_STATE');

    const rows = await prisma().indication.findMany({ where: { trajectoryId: id } });
    expect(rows.map((r) => [r.sequence, Number(r.hoursPerWeek), r.status])).toEqual([
      [1, winner.body.indication.hoursPerWeek, 'ACTIVE'],
    ]);
    expect(await audits(id, 'INDICATION_DECIDED')).toHaveLength(1);
    const state = await api.env.client.workflow.getHandle(trajectoryWorkflowId(id)).query('getState');
    expect(state).toMatchObject({ phase: 'ACTIVE', indication: { indicationId: rows[0]!.id } });
    expect((await prisma().trajectory.findUniqueOrThrow({ where: { id } })).phase).toBe('ACTIVE');
  });

  it('when five extension decisions arrive at once, then one is taken, the next period is planned (never a second active indication) and shown ahead', async () => {
    const id = await intakeHeld();
    await consultant.post(`/trajectories/${id}/indication`, indication(2)).expect(200);
    await providerA.post(`/trajectories/${id}/extension-request`, { report }).expect(200);
    const firstEnd = addDays(addMonths(today(), 3), -1);
    const answers = await Promise.all(
      Array.from({ length: 5 }, (_, i) =>
        consultant.post(`/trajectories/${id}/extension-decision`, {
          granted: true,
          newEndDate: addMonths(firstEnd, 3 + i),
        }),
      ),
    );
    expect(answers.map((a) => a.status).sort()).toEqual([200, 409, 409, 409, 409]);
    const rows = await prisma().indication.findMany({ where: { trajectoryId: id }, orderBy: { sequence: 'asc' } });
    expect(rows.map((r) => [r.sequence, r.status])).toEqual([
      [1, 'ACTIVE'],
      [2, 'PLANNED'],
    ]);
    expect(await audits(id, 'EXTENSION_GRANTED')).toHaveLength(1);

    const detail = await providerA.get(`/trajectories/${id}`);
    const shown = detail.body.pendingDeadlines.map((d: { kind: string; nextPeriod: boolean }) => [
      d.kind,
      d.nextPeriod,
    ]);
    expect(shown).toEqual(
      expect.arrayContaining([
        ['ALLOCATION_END', false],
        ['EXTENSION_REQUEST_DUE', true],
        ['ALLOCATION_END', true],
      ]),
    );
    // The list shows the indication in force only.
    const listed = await providerA.get('/trajectories?limit=100');
    const mine = listed.body.items.find((t: { id: string }) => t.id === id);
    expect(mine.indications.map((i: { id: string }) => i.id)).toEqual([rows[0]!.id]);
  });

  it('when a known BSN comes with another date of birth, then 409 IDENTITY_MISMATCH; an explicit correction updates the person, audited, and reuses the client', async () => {
    const person = { bsn: bsnOf(8801), fullName: 'Anna de Vries', dateOfBirth: '1985-04-12' };
    const first = await consultant.post('/trajectories', { client: person, providerId: demoIds.providerA });
    expect(first.status).toBe(201);
    // Spelling and spacing of the same name are the same person.
    const sameName = { ...person, fullName: '  anna  DE vries ' };
    const again = await consultant.post('/trajectories', { client: sameName, providerId: demoIds.providerB });
    expect(again.status).toBe(201);
    expect(again.body.clientId).toBe(first.body.clientId);

    const corrected = { ...person, dateOfBirth: '1985-04-21' };
    const refused = await consultant.post('/trajectories', { client: corrected, providerId: demoIds.providerA });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('IDENTITY_MISMATCH');
    expect(refused.body.error.details.map((d: { path: string }) => d.path)).toEqual(['body.client.dateOfBirth']);
    expect(JSON.stringify(refused.body)).not.toContain('1985-04-12');
    const identity = () => prisma().clientIdentity.findUniqueOrThrow({ where: { bsn: person.bsn } });
    expect((await identity()).dateOfBirth.toISOString().slice(0, 10)).toBe('1985-04-12');

    // A correction to a person with an open trajectory at this provider: the identity is corrected, the 409 names the trajectory.
    const fixed = await consultant.post('/trajectories', {
      client: corrected,
      providerId: demoIds.providerA,
      correctIdentity: true,
    });
    expect(fixed.status).toBe(409);
    expect(fixed.body.error.code).toBe('TRAJECTORY_EXISTS');
    expect((await identity()).dateOfBirth.toISOString().slice(0, 10)).toBe('1985-04-21');
    const audit = await prisma().auditEvent.findFirstOrThrow({ where: { action: 'IDENTITY_CORRECTED' } });
    expect(audit).toMatchObject({
      actorId: demoIds.consultant,
      data: { clientId: first.body.clientId, fields: 'dateOfBirth' },
    });
    expect(JSON.stringify(audit.data)).not.toContain('1985');
  });

  it('when the provider corrects the intake day, then the record, the audit and the time-to-intake KPI follow the day it was held', async () => {
    const registeredAt = new Date(Date.now() - 5 * 86_400_000);
    const registered = await consultant.post('/trajectories', {
      client: { bsn: bsnOf(8802), fullName: 'Kees Bakker', dateOfBirth: '1960-01-01' },
      providerId: demoIds.providerB,
      registeredAt: registeredAt.toISOString(),
    });
    expect(registered.status).toBe(201);
    const id = registered.body.trajectoryId as string;
    const registeredOn = dateOf(registeredAt);
    await providerB.post(`/trajectories/${id}/intake`, { heldOn: addDays(registeredOn, 3) }).expect(200);

    const kpi = async () => {
      const rows = (await operations.get(`/kpis?providerId=${demoIds.providerB}`)).body.items;
      return rows.find((r: { productCode: string | null }) => r.productCode === null).avgDaysToIntake as number;
    };
    // Typed in five days after the registration, held three days after it: the KPI says three.
    expect(await kpi()).toBe(3);

    expect(
      (await providerA.post(`/trajectories/${id}/intake-correction`, { heldOn: registeredOn, reason: 'x' })).status,
    ).toBe(404);
    expect(
      (await consultant.post(`/trajectories/${id}/intake-correction`, { heldOn: registeredOn, reason: 'x' })).status,
    ).toBe(403);
    const corrected = await providerB.post(`/trajectories/${id}/intake-correction`, {
      heldOn: addDays(registeredOn, 1),
      reason: 'Verkeerde dag ingevoerd: het gesprek was op dinsdag.',
    });
    expect(corrected.status).toBe(200);
    expect(corrected.body.intakeHeldOn).toBe(addDays(registeredOn, 1));
    const record = await prisma().trajectory.findUniqueOrThrow({ where: { id } });
    expect(record.intakeHeldOn?.toISOString().slice(0, 10)).toBe(addDays(registeredOn, 1));
    expect(await kpi()).toBe(1);
    const [audit] = await audits(id, 'INTAKE_CORRECTED');
    const correction = await prisma().correction.findFirstOrThrow({ where: { trajectoryId: id } });
    expect(correction).toMatchObject({ kind: 'INTAKE', authorId: demoIds.providerUserB });
    expect(audit).toMatchObject({
      actorId: demoIds.providerUserB,
      data: { from: addDays(registeredOn, 3), to: addDays(registeredOn, 1), correctionId: correction.id },
    });

    // Decided today, four days after the day the intake was held: the time-to-decision KPI says four.
    await consultant.post(`/trajectories/${id}/indication`, indication(2)).expect(200);
    const [decided] = (await operations.get(`/kpis?providerId=${demoIds.providerB}&product=02B05`)).body.items;
    expect(decided).toMatchObject({ trajectories: 1, avgDaysToIntake: 1, avgDaysToDecision: 4 });
  });

  it('when the provider corrects a declared month, then the row and the period use follow, audited with old and new figures and the reason kept', async () => {
    const id = await intakeHeld();
    await consultant.post(`/trajectories/${id}/indication`, indication(4)).expect(200);
    const month = firstOfMonth(today());
    await providerA
      .post(`/trajectories/${id}/hour-declarations`, {
        month,
        directMinutes: 300,
        indirectMinutes: 60,
        digitalMinutes: 0,
      })
      .expect(200);
    const corrected = await providerA.post(`/trajectories/${id}/hour-corrections`, {
      month,
      directMinutes: 360,
      indirectMinutes: 30,
      digitalMinutes: 60,
      reason: 'Videogesprek vergeten mee te tellen.',
    });
    expect(corrected.status).toBe(200);
    const row = await prisma().hourDeclaration.findFirstOrThrow({ where: { indication: { trajectoryId: id } } });
    expect([row.directMinutes, row.indirectMinutes, row.digitalMinutes]).toEqual([360, 30, 60]);
    const detail = await providerA.get(`/trajectories/${id}`);
    expect(detail.body.counters.period).toMatchObject({ clientBoundMinutes: 390, declaredMonths: [month] });
    // The detail lists the period's months with their figures as they stand now (the pages show them).
    expect(detail.body.indications[0].declarations).toEqual([
      { month, directMinutes: 360, indirectMinutes: 30, digitalMinutes: 60, groupMinutes: 0, warnings: [] },
    ]);
    const [audit] = await audits(id, 'HOURS_CORRECTED');
    expect(audit?.data).toMatchObject({
      directMinutesFrom: 300,
      directMinutesTo: 360,
      indirectMinutesFrom: 60,
      indirectMinutesTo: 30,
    });
    expect(await prisma().correction.count({ where: { trajectoryId: id, kind: 'HOURS' } })).toBe(1);
    // The timeline names who corrected and why, to those who see the client; operations get no free text.
    const correctionOf = async (who: typeof consultant) =>
      (await who.get(`/trajectories/${id}`).expect(200)).body.timeline.find(
        (e: { action: string }) => e.action === 'HOURS_CORRECTED',
      );
    for (const who of [providerA, consultant]) {
      await expect(correctionOf(who)).resolves.toMatchObject({
        actorName: 'Demo begeleider A',
        note: 'Videogesprek vergeten mee te tellen.',
      });
    }
    await expect(correctionOf(operations)).resolves.toMatchObject({ actorName: 'Demo begeleider A', note: null });
  });
});
