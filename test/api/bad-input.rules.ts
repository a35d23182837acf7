import { addDays, addMonths, firstOfMonth } from '../../domain/calendar';
import { indication, registration, today, type Case } from './bad-input.cases';

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

/** Business rules on what goes in (issue 9): dates, product fit, identity, corrections. */
export const ruleCases: Case[] = [
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
    'a ZRM measurement dated tomorrow',
    'providerA',
    (i) => `/trajectories/${i.active}/zrm-assessments`,
    { assessedOn: tomorrow, scores: { FINANCES: 3 } },
    'body.assessedOn',
    'ASSESSMENT_IN_FUTURE',
  ),
  ruleCase(
    'a ZRM measurement before the indication started',
    'consultant',
    (i) => `/trajectories/${i.active}/zrm-assessments`,
    { assessedOn: addDays(today, -1), scores: { FINANCES: 3 } },
    'body.assessedOn',
    'ASSESSMENT_OUTSIDE_INDICATION',
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
    'a surcharge (opslag) decided as a product of its own',
    'otherConsultant',
    (i) => `/trajectories/${i.sddIntakeHeld}/indication`,
    { ...indication, productCode: 'OPSLAG1', hoursPerWeek: null },
    'body.productCode',
    'OPSLAG1.SURCHARGE_ONLY',
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
];
