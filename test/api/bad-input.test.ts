import { randomUUID } from 'node:crypto';
import request from 'supertest';
import { addDays, addMonths, dateOf, firstOfMonth } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf, useApi } from '../support/api';
import { eventually } from '../support/eventually';

const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
const today = dateOf(new Date());

interface Case {
  name: string;
  who: 'consultant' | 'otherConsultant' | 'providerA';
  path: (ids: Ids) => string;
  method?: 'get' | 'post';
  body?: unknown;
  status: number;
  code: string;
  field?: string;
  rule?: string;
}
interface Ids {
  registered: string;
  intakeHeld: string;
  active: string;
  /** Of the Dordrecht team (region SDD, result-financed categories). */
  sddIntakeHeld: string;
  sddActive: string;
}

const registration = {
  client: { bsn: bsnOf(7001), fullName: 'Bad Input', dateOfBirth: '1990-01-01' },
  providerId: demoIds.providerA,
};
const indication = {
  productCode: '02B05',
  startDate: today,
  endDate: addMonths(today, 3),
  hoursPerWeek: 2,
  zrm: stable,
};

const tomorrow = addDays(today, 1);
const thisMonth = firstOfMonth(today);

/** Business rules (issue 9): 422 RULE_VIOLATED naming field and rule. */
const ruleCase = (
  name: string,
  who: Case['who'],
  path: Case['path'],
  body: unknown,
  field: string,
  rule: string,
): Case => ({ name, who, path, body, status: 422, code: 'RULE_VIOLATED', field, rule });

const cases: Case[] = [
  // Business dates: nothing in the future, nothing before what it follows.
  ruleCase(
    'an intake held tomorrow',
    'providerA',
    (i) => `/trajectories/${i.registered}/intake`,
    { heldOn: tomorrow },
    'body.heldOn',
    'INTAKE_IN_FUTURE',
  ),
  ruleCase(
    'an intake held before the registration day',
    'providerA',
    (i) => `/trajectories/${i.registered}/intake`,
    { heldOn: addDays(today, -1) },
    'body.heldOn',
    'INTAKE_BEFORE_REGISTRATION',
  ),
  ruleCase(
    'hours for a month that has not started',
    'providerA',
    (i) => `/trajectories/${i.active}/hour-declarations`,
    { month: addMonths(thisMonth, 1), directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0 },
    'body.month',
    'MONTH_NOT_STARTED',
  ),
  ruleCase(
    'hours for a month before the indication',
    'providerA',
    (i) => `/trajectories/${i.active}/hour-declarations`,
    { month: addMonths(thisMonth, -1), directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0 },
    'body.month',
    'MONTH_OUTSIDE_INDICATION',
  ),
  ruleCase(
    'a no-show tomorrow',
    'providerA',
    (i) => `/trajectories/${i.active}/no-shows`,
    { occurredAt: new Date(Date.now() + 86_400_000).toISOString() },
    'body.occurredAt',
    'NO_SHOW_IN_FUTURE',
  ),
  ruleCase(
    'a no-show before the indication started',
    'providerA',
    (i) => `/trajectories/${i.active}/no-shows`,
    { occurredAt: new Date(Date.now() - 3 * 86_400_000).toISOString() },
    'body.occurredAt',
    'NO_SHOW_OUTSIDE_INDICATION',
  ),
  ruleCase(
    'a registration dated tomorrow',
    'consultant',
    () => '/trajectories',
    { ...registration, registeredAt: new Date(Date.now() + 86_400_000).toISOString() },
    'body.registeredAt',
    'REGISTRATION_IN_FUTURE',
  ),
  ruleCase(
    'a client born tomorrow',
    'consultant',
    () => '/trajectories',
    { ...registration, client: { ...registration.client, dateOfBirth: tomorrow } },
    'body.client.dateOfBirth',
    'BORN_IN_FUTURE',
  ),
  {
    name: 'a no-show as a local time without a time zone',
    who: 'providerA',
    path: (i) => `/trajectories/${i.active}/no-shows`,
    body: { occurredAt: `${today}T10:00:00` },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.occurredAt',
  },
  // Product fit: region, volume unit, age.
  ruleCase(
    'a Zeist consultant deciding the Drechtsteden IB2',
    'consultant',
    (i) => `/trajectories/${i.intakeHeld}/indication`,
    { ...indication, productCode: 'IB2', hoursPerWeek: null },
    'body.productCode',
    'IB2.REGION',
  ),
  ruleCase(
    'an hourly product without hours',
    'consultant',
    (i) => `/trajectories/${i.intakeHeld}/indication`,
    { ...indication, hoursPerWeek: null },
    'body.hoursPerWeek',
    '02B05.HOURLY_VOLUME_REQUIRED',
  ),
  ruleCase(
    'hours for a result-financed category',
    'otherConsultant',
    (i) => `/trajectories/${i.sddIntakeHeld}/indication`,
    { ...indication, productCode: 'IB1', hoursPerWeek: 2 },
    'body.hoursPerWeek',
    'IB1.NO_HOURLY_VOLUME',
  ),
  ruleCase(
    'IB4-MO for a client of 36 (under 27 only)',
    'otherConsultant',
    (i) => `/trajectories/${i.sddIntakeHeld}/indication`,
    { ...indication, productCode: 'IB4-MO', hoursPerWeek: null },
    'body.startDate',
    'IB4-MO.CLIENT_AGE',
  ),
  {
    name: 'hours declared on a result-financed category',
    who: 'providerA',
    path: (i) => `/trajectories/${i.sddActive}/hour-declarations`,
    body: { month: thisMonth, directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0 },
    status: 409,
    code: 'WRONG_STATE',
  },
  // One person, one identity.
  {
    name: 'a known BSN with another name',
    who: 'consultant',
    path: () => '/trajectories',
    body: { ...registration, client: { ...registration.client, fullName: 'Iemand Anders' } },
    status: 409,
    code: 'IDENTITY_MISMATCH',
    field: 'body.client.fullName',
  },
  // Corrections: the same rules as the first time, and a reason.
  ruleCase(
    'an intake corrected to tomorrow',
    'providerA',
    (i) => `/trajectories/${i.active}/intake-correction`,
    { heldOn: tomorrow, reason: 'typefout' },
    'body.heldOn',
    'INTAKE_IN_FUTURE',
  ),
  {
    name: 'an intake correction without a reason',
    who: 'providerA',
    path: (i) => `/trajectories/${i.active}/intake-correction`,
    body: { heldOn: today },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.reason',
  },
  {
    name: 'a correction of a month never declared (its reason is not kept)',
    who: 'providerA',
    path: (i) => `/trajectories/${i.active}/hour-corrections`,
    body: { month: thisMonth, directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0, reason: 'typefout' },
    status: 409,
    code: 'WRONG_STATE',
  },

  // Bounded before anything reaches a workflow (issue 8, item 3): dates in 1900–2100, hours that
  // Decimal(5,2) and the check constraint hold, text PostgreSQL can keep.
  ...(
    [
      [
        'a date of birth in 1850',
        { client: { ...registration.client, dateOfBirth: '1850-01-01' } },
        'body.client.dateOfBirth',
      ],
      ['a registration in the year 1', { registeredAt: '0001-01-01T00:00:00Z' }, 'body.registeredAt'],
      [
        'a name with a NUL character',
        { client: { ...registration.client, fullName: 'Jan\u0000Jansen' } },
        'body.client.fullName',
      ],
      [
        'a name with half a surrogate pair',
        { client: { ...registration.client, fullName: 'Jan \uD800' } },
        'body.client.fullName',
      ],
      [
        'a name over two lines',
        { client: { ...registration.client, fullName: 'Jan\nJansen' } },
        'body.client.fullName',
      ],
    ] as const
  ).map(([name, change, field]): Case => ({
    name,
    who: 'consultant',
    path: () => '/trajectories',
    body: { ...registration, ...change },
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  ...(
    [
      ['an end date in 2200', { endDate: '2200-01-01' }, 'body.endDate'],
      ['a quarter hour less than allowed (0.1 h a week)', { hoursPerWeek: 0.1 }, 'body.hoursPerWeek'],
      ['hours with three decimals', { hoursPerWeek: 1.234 }, 'body.hoursPerWeek'],
    ] as const
  ).map(([name, change, field]): Case => ({
    name,
    who: 'consultant',
    path: (ids) => `/trajectories/${ids.intakeHeld}/indication`,
    body: { ...indication, ...change },
    status: 400,
    code: 'VALIDATION_FAILED',
    field,
  })),
  {
    name: 'an intake held in the year 1000',
    who: 'providerA',
    path: (ids) => `/trajectories/${ids.registered}/intake`,
    body: { heldOn: '1000-01-01' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.heldOn',
  },
  {
    name: 'a no-show in the year 9999',
    who: 'providerA',
    path: (ids) => `/trajectories/${ids.active}/no-shows`,
    body: { occurredAt: '9999-12-31T10:00:00Z' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.occurredAt',
  },
  {
    name: 'a report with a NUL character',
    who: 'providerA',
    path: (ids) => `/trajectories/${ids.active}/extension-request`,
    body: { report: { goalsReached: 'ja\u0000', stillNeeded: 'x', intendedOutflow: 'y' } },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.report.goalsReached',
  },
  {
    name: 'a BSN of the wrong type',
    who: 'consultant',
    path: () => '/trajectories',
    body: { ...registration, client: { ...registration.client, bsn: 999990019 } },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.client.bsn',
  },
  {
    name: 'a BSN failing the 11-check',
    who: 'consultant',
    path: () => '/trajectories',
    body: { ...registration, client: { ...registration.client, bsn: '999990018' } },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.client.bsn',
  },
  {
    name: 'missing fields',
    who: 'consultant',
    path: () => '/trajectories',
    body: {},
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.client',
  },
  {
    name: 'an unknown field',
    who: 'consultant',
    path: () => '/trajectories',
    body: { ...registration, extra: 1 },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body',
  },
  {
    name: 'an unknown provider',
    who: 'consultant',
    path: () => '/trajectories',
    body: { ...registration, providerId: randomUUID() },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.providerId',
  },
  {
    name: 'an impossible date',
    who: 'providerA',
    path: (i) => `/trajectories/${i.registered}/intake`,
    body: { heldOn: '2026-02-30' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.heldOn',
  },
  {
    name: 'an id that is not a UUID',
    who: 'providerA',
    path: () => '/trajectories/42/intake',
    body: { heldOn: today },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'params.trajectoryId',
  },
  {
    name: 'an unknown trajectory',
    who: 'providerA',
    path: () => `/trajectories/${randomUUID()}/intake`,
    body: { heldOn: today },
    status: 404,
    code: 'TRAJECTORY_NOT_FOUND',
  },
  {
    name: 'an unknown task',
    who: 'consultant',
    path: () => `/tasks/${randomUUID()}/complete`,
    body: {},
    status: 404,
    code: 'TASK_NOT_FOUND',
  },
  {
    name: 'an unknown route',
    who: 'consultant',
    path: () => '/nothing-here',
    body: {},
    status: 404,
    code: 'NOT_FOUND',
  },
  {
    name: 'a limit above 100',
    who: 'consultant',
    method: 'get',
    path: () => '/trajectories?limit=1000',
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'query.limit',
  },
  {
    name: 'a negative number of minutes',
    who: 'providerA',
    path: (i) => `/trajectories/${i.active}/hour-declarations`,
    body: { month: `${today.slice(0, 7)}-01`, directMinutes: -5, indirectMinutes: 0, digitalMinutes: 0 },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.directMinutes',
  },
  {
    name: 'a month that is not its first day (refused by the workflow)',
    who: 'providerA',
    path: (i) => `/trajectories/${i.active}/hour-declarations`,
    body: { month: `${today.slice(0, 7)}-02`, directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0 },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.month',
  },
  {
    name: 'a granted extension without an end date',
    who: 'consultant',
    path: (i) => `/trajectories/${i.active}/extension-decision`,
    body: { granted: true },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.newEndDate',
  },
  {
    name: 'a stop reason outside the iWmo list',
    who: 'consultant',
    path: (i) => `/trajectories/${i.active}/close`,
    body: { reason: 'BORED' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.reason',
  },
  {
    name: 'an unknown product',
    who: 'consultant',
    path: (i) => `/trajectories/${i.intakeHeld}/indication`,
    body: { ...indication, productCode: 'ZZ99' },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.productCode',
  },
  {
    name: 'a decision before the intake',
    who: 'consultant',
    path: (i) => `/trajectories/${i.registered}/indication`,
    body: indication,
    status: 409,
    code: 'WRONG_STATE',
  },
  {
    name: 'deciding an already decided indication',
    who: 'consultant',
    path: (i) => `/trajectories/${i.active}/indication`,
    body: indication,
    status: 409,
    code: 'WRONG_STATE',
  },
  {
    name: 'deciding an extension nobody requested',
    who: 'consultant',
    path: (i) => `/trajectories/${i.active}/extension-decision`,
    body: { granted: false },
    status: 409,
    code: 'WRONG_STATE',
  },
  {
    name: 'an extension request before any indication (its report is not kept)',
    who: 'providerA',
    path: (i) => `/trajectories/${i.registered}/extension-request`,
    body: { report: { goalsReached: 'a', stillNeeded: 'b', intendedOutflow: 'c' } },
    status: 409,
    code: 'WRONG_STATE',
  },
  {
    name: '02B03 for longer than 12 months',
    who: 'consultant',
    path: (i) => `/trajectories/${i.intakeHeld}/indication`,
    body: { ...indication, productCode: '02B03', endDate: addMonths(today, 13) },
    status: 422,
    code: 'RULE_VIOLATED',
    rule: '02B03.MAX_DURATION',
  },
];

describe('API: bad input gets a clear error and changes nothing', () => {
  const api = useApi();
  const ids = {} as Ids;

  beforeAll(async () => {
    ids.registered = await api.register();
    ids.intakeHeld = await api.register();
    ids.active = await api.register();
    ids.sddIntakeHeld = await api.register(demoIds.providerA, api.otherConsultant);
    ids.sddActive = await api.register(demoIds.providerA, api.otherConsultant);
    for (const id of [ids.intakeHeld, ids.active, ids.sddIntakeHeld, ids.sddActive])
      await api.providerA.post(`/trajectories/${id}/intake`, { heldOn: today }).expect(200);
    await api.consultant.post(`/trajectories/${ids.active}/indication`, indication).expect(200);
    await api.otherConsultant
      .post(`/trajectories/${ids.sddActive}/indication`, { ...indication, productCode: 'IB3', hoursPerWeek: null })
      .expect(200);
    // The person the identity case registers again, with another name.
    await api.consultant.post('/trajectories', { ...registration, providerId: demoIds.providerB }).expect(201);
    // Every workflow has written its start before a case counts the audit events.
    await eventually(
      () => api.db.prisma.auditEvent.count({ where: { action: 'TRAJECTORY_STARTED' } }),
      (started) => started === 6,
    );
  });

  /** Every table a request could write to, and each trajectory's phase. */
  async function fingerprint() {
    const p = api.db.prisma;
    return {
      counts: await Promise.all([
        p.client.count(),
        p.clientIdentity.count(),
        p.trajectory.count(),
        p.indication.count(),
        p.hourDeclaration.count(),
        p.noShow.count(),
        p.task.count({ where: { status: 'OPEN' } }),
        p.auditEvent.count(),
        p.requestReport.count(),
        p.correction.count(),
      ]),
      identities: await p.clientIdentity.findMany({
        select: { bsn: true, fullName: true, dateOfBirth: true },
        orderBy: { bsn: 'asc' },
      }),
      phases: await p.trajectory.findMany({ select: { id: true, phase: true }, orderBy: { id: 'asc' } }),
    };
  }

  it.each(cases)('when $name is sent, then $status $code', async (c) => {
    const before = await fingerprint();
    const client = api[c.who];
    const res = c.method === 'get' ? await client.get(c.path(ids)) : await client.post(c.path(ids), c.body as object);
    expect(res.status).toBe(c.status);
    expect(res.body.error.code).toBe(c.code);
    expect(typeof res.body.error.message).toBe('string');
    if (c.field) expect(res.body.error.details.map((d: { path: string }) => d.path)).toContain(c.field);
    if (c.rule)
      expect(res.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ rule: c.rule })]));
    expect(await fingerprint()).toEqual(before);
  });

  it('when a body is malformed JSON or larger than 100 kB, then 400 or 413 naming the body, never a 500', async () => {
    const token = (await api.consultant.get('/tasks')).request.getHeader('Authorization') as string;
    const before = await fingerprint();
    const malformed = await request(api.app())
      .post('/trajectories')
      .set('Authorization', token)
      .set('Content-Type', 'application/json')
      .send('{"client": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.details[0].path).toBe('body');
    const huge = await request(api.app())
      .post('/trajectories')
      .set('Authorization', token)
      .send({ ...registration, padding: 'x'.repeat(200_000) });
    expect(huge.status).toBe(413);
    expect(huge.body.error.code).toBe('BODY_TOO_LARGE');
    expect(await fingerprint()).toEqual(before);
  });
});
