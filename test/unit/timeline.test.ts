import { eventText } from '../../web/pages/timeline';

const row = (action: string, data: unknown, actorId: string | null = 'u1', assigneeName: string | null = null) =>
  eventText({ action, data, actorId, assigneeName });

/** The trajectory page's timeline says what each event was about, from the ids, dates and codes its data holds. */
describe('timeline rows', () => {
  it.each([
    ['INTAKE_RECORDED', { heldOn: '2026-12-03' }, 'Intake vastgelegd: 3 december 2026'],
    [
      'INTAKE_CORRECTED',
      { from: '2026-12-03', to: '2026-12-01' },
      'Intakedatum gecorrigeerd: 3 december 2026 → 1 december 2026',
    ],
    ['INDICATION_DECIDED', { indicationId: 'i', productCode: '02B05' }, 'Indicatie besloten: 02B05'],
    [
      'INDICATION_DECIDED',
      { indicationId: 'i', productCode: 'IB1', surchargeCode: 'OPSLAG1' },
      'Indicatie besloten: IB1 met opslag OPSLAG1',
    ],
    ['HOURS_DECLARED', { month: '2026-11-01', warnings: null }, 'Uren verantwoord: november 2026'],
    ['HOURS_CORRECTED', { month: '2026-10-01', correctionId: 'c' }, 'Uren gecorrigeerd: oktober 2026'],
    ['EXTENSION_GRANTED', { newEndDate: '2027-08-31' }, 'Verlenging toegekend: tot en met 31 augustus 2027'],
    ['EXTENSION_REFUSED', { newEndDate: null }, 'Verlenging afgewezen'],
    ['EXPANSION_GRANTED', { hoursPerWeek: 4.5 }, 'Uitbreiding toegekend: 4,5 uur per week'],
    ['EXPANSION_REFUSED', { hoursPerWeek: null }, 'Uitbreiding afgewezen'],
    [
      'END_DATE_CHANGED',
      { from: '2027-02-28', to: '2027-03-31' },
      'Einddatum gewijzigd: 28 februari 2027 → 31 maart 2027',
    ],
    ['PRODUCT_CHANGED', { from: '02B05', to: '02B04', startDate: '2027-01-01' }, 'Ander product: 02B05 → 02B04'],
    [
      'ALLOCATION_CHANGED',
      {
        productCode: '02B05',
        startDate: '2027-01-01',
        hoursPerWeekFrom: 4,
        hoursPerWeekTo: 2.5,
        surchargeFrom: null,
        surchargeTo: null,
      },
      'Indicatie gewijzigd: 02B05 vanaf 1 januari 2027: 4 uur per week → 2,5 uur per week',
    ],
    [
      'ALLOCATION_CHANGED',
      {
        productCode: 'IB2',
        startDate: '2027-02-01',
        hoursPerWeekFrom: null,
        hoursPerWeekTo: null,
        surchargeFrom: 'OPSLAG2',
        surchargeTo: null,
      },
      'Indicatie gewijzigd: IB2 vanaf 1 februari 2027: met opslag OPSLAG2 → zonder opslag',
    ],
    ['END_EVALUATION_RECORDED', { outcome: 'CONTACT_FAILED' }, 'Eindevaluatie vastgelegd: Contact kwam niet tot stand'],
    ['TASK_COMPLETED', { taskId: 't', kind: 'RISK_ANALYSIS' }, 'Taak afgerond: Risicoanalyse'],
    ['TRAJECTORY_CLOSED', { reason: 'PER_PLAN' }, 'Afgesloten: 19 – Levering volgens plan beëindigd'],
    ['TRAJECTORY_REGISTERED', { anything: 1 }, 'Aangemeld'],
  ])('when the event is %s with %j, then the row says %j', (action, data, expected) => {
    expect(row(action, data)).toBe(expected);
  });

  it.each([
    ['no data', null],
    ['a date that is not one', { heldOn: '2026-02-30' }],
    ['a number where a date belongs', { heldOn: 20261203 }],
    ['an array', ['2026-12-03']],
  ])('when the data holds %s, then the row is the event alone', (_name, data) => {
    expect(row('INTAKE_RECORDED', data)).toBe('Intake vastgelegd');
  });

  describe('a task assigned (one audit action, three things people do)', () => {
    const task = { taskId: 't', kind: 'RISK_ANALYSIS' };
    it('when the one who did it has it now, then it was picked up', () => {
      expect(row('TASK_ASSIGNED', { ...task, assigneeUserId: 'u1' }, 'u1', 'Demo consulent')).toBe(
        'Taak opgepakt: Risicoanalyse',
      );
    });
    it('when another has it now, then it was given to them, by name', () => {
      expect(row('TASK_ASSIGNED', { ...task, assigneeUserId: 'u2' }, 'u1', 'Tweede consulent')).toBe(
        'Taak toegewezen aan Tweede consulent: Risicoanalyse',
      );
    });
    it('when nobody has it now, then it was given back', () => {
      expect(row('TASK_ASSIGNED', { ...task, assigneeUserId: null })).toBe('Taak vrijgegeven: Risicoanalyse');
    });
    it('when the person given it is not known any more, then a colleague is said', () => {
      expect(row('TASK_ASSIGNED', { ...task, assigneeUserId: 'u2' })).toBe(
        'Taak toegewezen aan een collega: Risicoanalyse',
      );
    });
  });

  it('when the event is unknown, then its code is shown as it is', () => {
    expect(row('SOMETHING_NEW', {})).toBe('SOMETHING_NEW');
  });
});
