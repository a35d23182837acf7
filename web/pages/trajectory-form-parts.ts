import type { CareView } from '../../api/care-view';
import type { Detail } from './trajectory-forms';

/** Pieces the trajectory page's forms share: the decision choice, hours as typed, when a form applies. */
export const decisions: [string, string][] = [
  ['', 'Kies een besluit'],
  ['ja', 'Toekennen'],
  ['nee', 'Afwijzen'],
];
export const decided = (value: string | undefined) => (value === 'ja' ? true : value === 'nee' ? false : undefined);
/** Hours as typed, with a decimal comma. */
export const hours = (value: string | undefined) => (value ? Number(value.replace(',', '.')) : undefined);
export const hoursHint =
  'Vul een aantal uren per week in van 0,25 tot en met 40, met hoogstens twee cijfers achter de komma.';

/** An indication is in force and `test` holds for its period. */
export const inCare =
  (test: (care: CareView, t: Detail) => boolean = () => true) =>
  (t: Detail) =>
    t.phase === 'ACTIVE' && t.care !== null && test(t.care, t);
export const hourly = (care: CareView) => care.utilisation !== null;
