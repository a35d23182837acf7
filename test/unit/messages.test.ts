import {
  digestMessage,
  noticeMessage,
  taskAssignedMessage,
  type Digest,
  type DigestTask,
} from '../../activities/delivery/messages';
import { referenceOf } from '../../domain/reference';
import { taskTexts } from '../../domain/labels';
import { taskKinds } from '../../domain/lifecycle';
import { noticeKinds } from '../../domain/notifications';

const trajectoryId = '5f3c9a2e-1b4d-4c6e-9f00-123456789abc';
const appUrl = 'https://wmo.example/';

describe('e-mail texts', () => {
  it.each(noticeKinds)(
    'when a %s notice is written, then it is Dutch, names the reference and links to the trajectory',
    (kind) => {
      const m = noticeMessage(
        kind,
        { trajectoryId, dueAt: '2026-12-07T08:00:00.000Z', endDate: '2027-01-31', month: '2026-11-01', consecutive: 2 },
        appUrl,
      );
      expect(m.subject).toContain(referenceOf(trajectoryId));
      expect(referenceOf(trajectoryId)).toBe('T-5F3C9A2E');
      expect(m.text).toContain(`Kenmerk: T-5F3C9A2E`);
      expect(m.text).toContain(`https://wmo.example/trajecten/${trajectoryId}`);
      expect(m.html).toContain('<html lang="nl">');
      expect(m.text).toContain('Persoonsgegevens staan alleen in de applicatie');
    },
  );

  it('when a notice has a due date, then it says "uiterlijk" with the weekday and the last day in Amsterdam', () => {
    // Due at the end of Monday 7 December (midnight in Amsterdam): that Monday is the last day, not Tuesday.
    const m = noticeMessage('INTAKE_DUE_SOON', { trajectoryId, dueAt: '2026-12-07T23:00:00.000Z' }, appUrl);
    expect(m.subject).toBe('Intake binnenkort verwacht (uiterlijk maandag 7 december 2026) – T-5F3C9A2E');
    expect(m.text).toContain('Dit moet uiterlijk maandag 7 december 2026.');
    const extension = noticeMessage(
      'EXTENSION_REQUEST_DUE',
      { trajectoryId, dueAt: '2026-12-06T23:00:00.000Z', endDate: '2027-01-31' },
      appUrl,
    );
    expect(extension.text).toContain('De toewijzing loopt af op 31 januari 2027.');
    const registered = noticeMessage('CLIENT_REGISTERED', { trajectoryId, dueAt: '2026-12-21T23:00:00.000Z' }, appUrl);
    expect(registered.subject).toBe(
      'Cliënt aangemeld, intake houden (uiterlijk maandag 21 december 2026) – T-5F3C9A2E',
    );
    expect(registered.text).toContain('Er is een cliënt bij u aangemeld');
  });

  it.each([
    [
      'EXTENSION_DECIDED',
      { outcome: 'GRANTED', endDate: '2027-09-30' },
      'De consulent heeft de verlenging toegekend: de volgende periode loopt tot en met 30 september 2027.',
    ],
    [
      'EXTENSION_DECIDED',
      { outcome: 'REFUSED', endDate: '2027-03-31' },
      'De consulent heeft de verlenging afgewezen: de toewijzing loopt af op 31 maart 2027.',
    ],
    [
      'EXPANSION_DECIDED',
      { outcome: 'GRANTED', hoursPerWeek: 4.5 },
      'De consulent heeft de uitbreiding toegekend: de toewijzing is nu 4,5 uur per week.',
    ],
    [
      'EXPANSION_DECIDED',
      { outcome: 'REFUSED', hoursPerWeek: 3 },
      'De consulent heeft de uitbreiding afgewezen: de toewijzing blijft 3 uur per week.',
    ],
  ] as const)(
    'when the consultant decided a request (%s, %j), then the provider reads what was decided',
    (kind, decision, said) => {
      const m = noticeMessage(kind, { trajectoryId, ...decision }, appUrl);
      expect(m.text.split('\n')[0]).toBe(said);
      const about = kind === 'EXTENSION_DECIDED' ? 'verlenging' : 'uitbreiding';
      const outcome = decision.outcome === 'GRANTED' ? 'toegekend' : 'afgewezen';
      expect(m.subject).toBe(`Besluit over de ${about}: ${outcome} – T-5F3C9A2E`);
    },
  );

  it('when the consultant decided, changed or closed the allocation, then the provider reads product, period and hours, or why it closed', () => {
    const allocation = { productCode: '02B05', startDate: '2026-12-07', endDate: '2027-03-06', hoursPerWeek: 4.5 };
    const decided = noticeMessage('INDICATION_DECIDED', { trajectoryId, ...allocation }, appUrl);
    expect(decided.subject).toBe('Indicatie afgegeven – T-5F3C9A2E');
    expect(decided.text.split('\n').slice(0, 2)).toEqual([
      'De consulent heeft de indicatie afgegeven: 02B05 van 7 december 2026 tot en met 6 maart 2027, 4,5 uur per week.',
      'U kunt met de begeleiding beginnen; de termijnen staan in de applicatie.',
    ]);
    const changed = noticeMessage(
      'ALLOCATION_CHANGED',
      { trajectoryId, ...allocation, hoursPerWeek: undefined },
      appUrl,
    );
    expect(changed.text.split('\n')[0]).toBe(
      'De consulent heeft de toewijzing gewijzigd: 02B05 van 7 december 2026 tot en met 6 maart 2027.',
    );
    expect(() => noticeMessage('INDICATION_DECIDED', { trajectoryId, productCode: 'Jan Jansen' }, appUrl)).toThrow();
    const closed = noticeMessage('TRAJECTORY_CLOSED', { trajectoryId, reason: 'PER_PLAN' }, appUrl);
    expect(closed.subject).toBe('Traject afgesloten – T-5F3C9A2E');
    expect(closed.text.split('\n')[0]).toBe(
      'De consulent heeft het traject afgesloten (reden: 19 – Levering volgens plan beëindigd).',
    );
  });

  it('when a colleague gave the reader a task, then the e-mail names the task, its last day and what to do, with the kenmerk and the link, also in the digest', () => {
    const payload = {
      trajectoryId,
      taskId: trajectoryId,
      taskKind: 'FOLLOW_UP_PLAN',
      dueAt: '2026-12-14T23:00:00.000Z',
    };
    const m = taskAssignedMessage(payload, appUrl);
    expect(m.subject).toBe('Taak aan u toegewezen: Vervolgplan (uiterlijk maandag 14 december 2026) – T-5F3C9A2E');
    expect(m.text).toContain('Een collega heeft u de taak Vervolgplan gegeven.');
    expect(m.text).toContain('Dit moet uiterlijk maandag 14 december 2026.');
    expect(m.text).toContain('Stel een vervolgplan op.');
    expect(m.text).toContain(`https://wmo.example/trajecten/${trajectoryId}`);
    expect(m.html).toContain('<h1 style="font-size: 1.25em">Taak aan u toegewezen: Vervolgplan</h1>');
    const digest = digestMessage(
      { day: '2026-12-08', overdue: [], atOnce: [], dueSoon: [], held: [{ kind: 'TASK_ASSIGNED', payload }] },
      appUrl,
    );
    expect(digest.text).toContain(`- ${m.subject}`);
    expect(() => taskAssignedMessage({ ...payload, taskKind: 'NAP' }, appUrl)).toThrow();
  });

  it('when a payload carries anything but ids and dates, then writing it fails rather than guess', () => {
    expect(() => noticeMessage('INTAKE_DUE_SOON', { trajectoryId: 'not-an-id' }, appUrl)).toThrow();
  });

  it('when every task kind is listed in a digest, then each has a Dutch label, overdue first, then those to do at once', () => {
    expect(Object.keys(taskTexts).sort()).toEqual([...taskKinds].sort());
    const raised = new Date('2026-12-01T08:00:00Z');
    const digest = {
      day: '2026-12-28',
      overdue: [{ kind: 'DECIDE_EXTENSION', trajectoryId, dueAt: new Date('2026-12-20T10:00:00Z'), createdAt: raised }],
      atOnce: [] as DigestTask[],
      dueSoon: [
        { kind: 'INTERIM_EVALUATION', trajectoryId, dueAt: new Date('2027-01-05T10:00:00Z'), createdAt: raised },
      ],
      held: [],
    } satisfies Digest;
    const m = digestMessage(digest, appUrl);
    expect(m.subject).toBe('Dagoverzicht 28 december 2026: 1 te laat, 1 binnenkort');
    expect(m.text.indexOf('Te laat:')).toBeLessThan(m.text.indexOf('In de komende vijf werkdagen:'));
    expect(m.text).toContain('Besluit over verlenging, uiterlijk zondag 20 december 2026');
    expect(m.text).not.toContain('Zo snel mogelijk');
    expect(m.html).toContain('<h2 style="font-size: 1.1em">Te laat</h2>');

    const noShows = new Date('2026-12-23T09:15:00Z');
    const atOnce = { kind: 'RECONTACT_AFTER_NO_SHOWS' as const, trajectoryId, dueAt: noShows, createdAt: noShows };
    const withAtOnce = digestMessage({ ...digest, atOnce: [atOnce] }, appUrl);
    expect(withAtOnce.subject).toBe('Dagoverzicht 28 december 2026: 1 te laat, 1 zo snel mogelijk, 1 binnenkort');
    expect(withAtOnce.text.indexOf('Te laat:')).toBeLessThan(withAtOnce.text.indexOf('Zo snel mogelijk:'));
    expect(withAtOnce.text.indexOf('Zo snel mogelijk:')).toBeLessThan(
      withAtOnce.text.indexOf('In de komende vijf werkdagen:'),
    );
    expect(withAtOnce.text).toContain(
      'Contact na niet verschijnen, zo snel mogelijk (sinds woensdag 23 december 2026)',
    );
  });
});
