import { ApplicationFailure } from '@temporalio/common';
import type { ChangeProduct, IndicationSnapshot, Refusal } from '../../workflows/trajectory/contracts';
import { dueDeadlines, pendingDeadlines } from '../../workflows/trajectory/deadlines';
import { Trajectory } from '../../workflows/trajectory/state';

// The workflow's state and rules alone, without any server: what the lifecycle tests prove on
// Temporal, in milliseconds (issue 9, item 8).
const registeredAt = '2026-03-02T09:00:00Z';
const now = new Date('2026-03-10T12:00:00Z');
const indication = (over: Partial<IndicationSnapshot> = {}): IndicationSnapshot => ({
  indicationId: 'i-1',
  sequence: 1,
  productCode: '02B05',
  startDate: '2026-03-05',
  endDate: '2026-08-31',
  hoursPerWeek: 4,
  extendable: true,
  maxDurationMonths: 12,
  interimEvaluationMonths: null,
  noShowPolicy: 'CAPPED_PER_ALLOCATION',
  noShowCap: 6,
  resultFinanced: false,
  ...over,
});

function registered(): Trajectory {
  return new Trajectory({ trajectoryId: 't-1', providerId: 'p-1', teamId: 'team-1', registeredAt });
}

function active(over: Partial<IndicationSnapshot> = {}): Trajectory {
  const t = registered();
  t.intakeHeld('2026-03-04');
  t.indicationDecided(indication(over));
  return t;
}

/** The refusal an action throws: its type and its details (field, rule), or undefined when accepted. */
function refusal(action: () => void): { type: string | undefined; details: Refusal[] } | undefined {
  try {
    action();
    return undefined;
  } catch (error) {
    if (!(error instanceof ApplicationFailure)) throw error;
    return { type: error.type ?? undefined, details: error.details?.[0] as Refusal[] };
  }
}

describe('Trajectory state: checks and changes, without a server', () => {
  it('when an intake lies in the future or before the registration, then it is refused with field and rule, and nothing changes', () => {
    const t = registered();
    expect(refusal(() => t.checkIntake({ heldOn: '2026-03-11', actorId: 'u' }, now))).toEqual({
      type: 'IndicationRuleViolated',
      details: [expect.objectContaining({ field: 'heldOn', rule: 'INTAKE_IN_FUTURE' })],
    });
    expect(refusal(() => t.checkIntake({ heldOn: '2026-03-01', actorId: 'u' }, now))?.details[0]?.rule).toBe(
      'INTAKE_BEFORE_REGISTRATION',
    );
    expect(refusal(() => t.checkIntake({ heldOn: '2026-03-10', actorId: 'u' }, now))).toBeUndefined();
    expect([t.version, t.state.phase]).toEqual([0, 'REGISTERED']);
  });

  const hourly: Partial<IndicationSnapshot> = { productCode: '02B05', hoursPerWeek: 4 };
  const surcharged: Partial<IndicationSnapshot> = { productCode: 'IB2', hoursPerWeek: null, surchargeCode: 'OPSLAG2' };
  it.each<[string, string, Partial<IndicationSnapshot>, Partial<ChangeProduct>]>([
    ['the same product with the same hours', 'NOTHING_CHANGES', hourly, { productCode: '02B05', hoursPerWeek: 4 }],
    [
      'the same category with its surcharge',
      'NOTHING_CHANGES',
      surcharged,
      { productCode: 'IB2', hoursPerWeek: null, surchargeCode: 'OPSLAG2' },
    ],
    ['another product', 'accepted', hourly, { productCode: '02B04', hoursPerWeek: 4 }],
    ['the same product with fewer hours', 'accepted', hourly, { productCode: '02B05', hoursPerWeek: 2 }],
    ['the same product with more hours', 'accepted', hourly, { productCode: '02B05', hoursPerWeek: 6 }],
    ['the same category without its surcharge', 'accepted', surcharged, { productCode: 'IB2', hoursPerWeek: null }],
  ])('when a change asks %s, then it is %s', (_what, rule, current, asked) => {
    const t = active(current);
    const change = {
      productCode: '',
      hoursPerWeek: null,
      startDate: '2026-04-01',
      endDate: '2026-08-31',
      zrm: {},
      actorId: 'u',
      ...asked,
    };
    expect(refusal(() => t.checkProductChange(change))?.details[0]?.rule ?? 'accepted').toBe(rule);
  });

  it('when the phase does not allow an action, then it is a wrong-state refusal', () => {
    const t = registered();
    const decide = () =>
      t.checkDecision({
        productCode: '02B05',
        startDate: '2026-03-05',
        endDate: '2026-08-31',
        hoursPerWeek: 4,
        zrm: {},
        actorId: 'u',
      });
    expect(refusal(decide)?.type).toBe('TrajectoryWrongState');
    expect(
      refusal(() =>
        t.checkDeclaration(
          { month: '2026-03-01', directMinutes: 1, indirectMinutes: 0, digitalMinutes: 0, actorId: 'u' },
          now,
        ),
      )?.type,
    ).toBe('TrajectoryWrongState');
    t.intakeHeld('2026-03-04');
    expect(refusal(decide)).toBeUndefined();
  });

  it('when a month is declared, then the field names the broken rule: not started, not a first day, digital above direct, negative group time', () => {
    const t = active();
    const declare = (month: string, directMinutes = 60, digitalMinutes = 0) =>
      refusal(() => t.checkDeclaration({ month, directMinutes, indirectMinutes: 0, digitalMinutes, actorId: 'u' }, now))
        ?.details[0];
    expect(declare('2026-03-01')).toBeUndefined();
    expect(declare('2026-04-01')).toMatchObject({ field: 'month', rule: 'MONTH_NOT_STARTED' });
    expect(declare('2026-02-01')).toMatchObject({ field: 'month', rule: 'MONTH_OUTSIDE_INDICATION' });
    expect(declare('2026-03-02')).toMatchObject({ field: 'month' });
    expect(declare('2026-03-01', 60, 90)).toMatchObject({ field: 'digitalMinutes' });
    const group = (groupMinutes: number) =>
      refusal(() =>
        t.checkDeclaration(
          { month: '2026-03-01', directMinutes: 0, indirectMinutes: 0, digitalMinutes: 0, groupMinutes, actorId: 'u' },
          now,
        ),
      )?.details[0];
    expect(group(12)).toBeUndefined();
    expect(group(-1)).toMatchObject({ field: 'groupMinutes' });
  });

  it('when hours are declared on a result-financed product, then it is refused', () => {
    const t = active({ productCode: 'IB1', hoursPerWeek: null, resultFinanced: true });
    const declare = () =>
      t.checkDeclaration(
        { month: '2026-03-01', directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0, actorId: 'u' },
        now,
      );
    expect(refusal(declare)).toMatchObject({ type: 'TrajectoryWrongState' });
  });

  it('when a declared month is corrected, then totals and use move by the difference, and only a declared month can be', () => {
    const t = active();
    t.declared('2026-03-01', { directMinutes: 600, indirectMinutes: 60, digitalMinutes: 0, groupMinutes: 0 }, false);
    const correction = {
      month: '2026-03-01',
      directMinutes: 500,
      indirectMinutes: 100,
      digitalMinutes: 50,
      correctionId: 'c',
      actorId: 'u',
    };
    expect(refusal(() => t.checkHoursCorrection(correction))).toBeUndefined();
    expect(refusal(() => t.checkHoursCorrection({ ...correction, month: '2026-04-01' }))?.type).toBe(
      'TrajectoryWrongState',
    );
    t.declared('2026-03-01', { directMinutes: -100, indirectMinutes: 40, digitalMinutes: 50, groupMinutes: 30 }, false);
    const s = t.inCare('look');
    expect(s.time).toEqual({ directMinutes: 500, indirectMinutes: 100, digitalMinutes: 50, groupMinutes: 30 });
    expect(s.period).toMatchObject({ declaredMonths: ['2026-03-01'], clientBoundMinutes: 630 });
  });

  it('when totals kept before group contact time was a category meet a month with group time, then it counts from none', () => {
    const t = active();
    t.inCare('set up').time = { directMinutes: 600, indirectMinutes: 60, digitalMinutes: 0 };
    t.declared('2026-04-01', { directMinutes: 60, indirectMinutes: 0, digitalMinutes: 0, groupMinutes: 12 }, false);
    expect(t.inCare('look').time).toEqual({
      directMinutes: 660,
      indirectMinutes: 60,
      digitalMinutes: 0,
      groupMinutes: 12,
    });
    expect(t.inCare('look').period).toMatchObject({ clientBoundMinutes: 72 });
  });

  it('when an extension is granted, then the next period is shown ahead but only the current one is due; at its start it becomes current', () => {
    const t = active();
    t.extensionRequested('report-1');
    const next = indication({ indicationId: 'i-2', sequence: 2, startDate: '2026-09-01', endDate: '2027-02-28' });
    t.extensionDecided(next);
    const shown = pendingDeadlines(t.state).map((d) => [d.kind, d.dueAt.slice(0, 10), d.upcoming ?? false]);
    expect(shown).toEqual([
      ['ALLOCATION_END', '2026-08-31', false],
      ['EXTENSION_REQUEST_DUE', '2027-01-03', true],
      ['ALLOCATION_END', '2027-02-28', true],
    ]);
    expect(dueDeadlines(t.state).map((d) => d.kind)).toEqual(['ALLOCATION_END']);
    t.startNextPeriod(next);
    expect(dueDeadlines(t.state).map((d) => [d.kind, d.dueAt.slice(0, 10)])).toEqual([
      ['EXTENSION_REQUEST_DUE', '2027-01-03'],
      ['ALLOCATION_END', '2027-02-28'],
    ]);
    expect(t.inCare('look').indication.indicationId).toBe('i-2');
  });

  it('when the intake is corrected, then only an earlier-or-same day than the indication start is accepted', () => {
    const t = active();
    const correct = (heldOn: string) =>
      refusal(() => t.checkIntakeCorrection({ heldOn, correctionId: 'c', actorId: 'u' }, now));
    expect(correct('2026-03-03')).toBeUndefined();
    expect(correct('2026-03-04')).toMatchObject({ type: 'TrajectoryInvalidInput', details: [{ field: 'heldOn' }] });
    expect(correct('2026-03-06')?.details[0]?.rule).toBe('INTAKE_AFTER_DECISION');
    t.intakeCorrected('2026-03-03');
    expect(t.state.intakeHeldOn).toBe('2026-03-03');
  });

  it('when the trajectory is closed, then every change is refused and nothing is due', () => {
    const t = active();
    t.closedWith('PER_PLAN', '2026-03-10T12:00:00Z');
    expect(refusal(() => t.checkClose({ reason: 'PER_PLAN', actorId: 'u' }))?.type).toBe('TrajectoryWrongState');
    expect(refusal(() => t.checkExtensionRequest({ reportId: 'r', actorId: 'u' }))?.type).toBe('TrajectoryWrongState');
    expect(
      refusal(() =>
        t.checkNoShow({ occurredAt: '2026-03-09T10:00:00Z', afterKeptAppointment: false, actorId: 'u' }, now),
      )?.type,
    ).toBe('TrajectoryWrongState');
    expect(pendingDeadlines(t.state)).toEqual([]);
  });
});
