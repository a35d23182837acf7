import { randomUUID } from 'node:crypto';
import { addMonths, dateOf } from '../../domain/calendar';
import { zrmDomains } from '../../domain/zrm';
import { demoIds } from '../../prisma/seed/demo';
import { bsnOf } from '../support/api';

const stable = Object.fromEntries(zrmDomains.map((d) => [d, 4]));
export const today = dateOf(new Date());

export interface Case {
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
export interface Ids {
  registered: string;
  intakeHeld: string;
  active: string;
  /** Of the Dordrecht team (region SDD, result-financed categories). */
  sddIntakeHeld: string;
  sddActive: string;
}

export const registration = {
  client: { bsn: bsnOf(7001), fullName: 'Bad Input', dateOfBirth: '1990-01-01' },
  providerId: demoIds.providerA,
};
export const indication = {
  productCode: '02B05',
  startDate: today,
  endDate: addMonths(today, 3),
  hoursPerWeek: 2,
  zrm: stable,
};

/** The table: each bad request, who sends it, and the answer it must get. */
export const cases: Case[] = [
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
    name: 'a condition the catalogue does not know',
    who: 'otherConsultant',
    path: (i) => `/trajectories/${i.sddIntakeHeld}/indication`,
    body: {
      productCode: 'IB4-MO',
      startDate: today,
      endDate: today,
      hoursPerWeek: null,
      zrm: {},
      conditions: ['RICH'],
    },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.conditions.0',
  },
  {
    name: 'group contact time in part of a minute',
    who: 'providerA',
    path: (i) => `/trajectories/${i.active}/hour-declarations`,
    body: {
      month: `${today.slice(0, 7)}-01`,
      directMinutes: 60,
      indirectMinutes: 0,
      digitalMinutes: 0,
      groupMinutes: 12.5,
    },
    status: 400,
    code: 'VALIDATION_FAILED',
    field: 'body.groupMinutes',
  },
];
