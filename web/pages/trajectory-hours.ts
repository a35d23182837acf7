import { declarableMonths } from '../../domain/business-dates';
import { dateOf, type BusinessDate } from '../../domain/calendar';
import { dutchMonth } from '../../domain/dutch-dates';
import { fieldIn, selectField, textField, type FormValues } from '../forms';
import { html } from '../html';
import type { Detail, Filling } from './trajectory-forms';

/** The hours forms' fields (seed 003: hours declared per month, in minutes, and corrected with a reason). */

const minutesHint = 'Vul een heel aantal minuten in, van 0 tot en met 44.640 (een volle maand).';

/** The indication in force, if any. */
export const currentIndication = (t: Detail) => t.indications.find((i) => i.status === 'ACTIVE');

/** The months of the period in force declared so far, newest first (as stored: also when the workflow is slow to answer). */
export const declaredMonths = (t: Detail): BusinessDate[] =>
  (currentIndication(t)?.declarations ?? []).map((d) => d.month).reverse();

/** The months a provider can declare now (seed 003: a month that has started, within the indication), newest first. */
export function monthsToDeclare(t: Detail): BusinessDate[] {
  const current = currentIndication(t);
  if (!current) return [];
  const period = { startDate: dateOf(new Date(current.startDate)), endDate: dateOf(new Date(current.endDate)) };
  return declarableMonths(period, declaredMonths(t), new Date());
}

/** A month chosen by name ("november 2026"), sent as its first day. */
export const monthField = (f: Filling, months: BusinessDate[]) =>
  selectField({
    ...fieldIn(f, 'month'),
    label: 'Maand',
    required: true,
    options: [['', 'Kies een maand'], ...months.map((m): [string, string] => [m, dutchMonth(m)])],
  });

/** Seed 003, groepscontacttijd, with its own example. */
const groupTimeHelp =
  'Uw deel van groepsbegeleiding: de minuten van alle aanwezige begeleiders samen, gedeeld door het aantal aanwezige cliënten. Bijvoorbeeld twee begeleiders een uur (120 minuten) bij tien cliënten: 12 minuten.';

/** Seed 003: a month's client-bound minutes, direct (digital included), indirect and group contact time. */
export const minuteFields = (f: Filling) =>
  html`${textField({ ...fieldIn(f, 'directMinutes'), label: 'Direct (minuten)', type: 'number', required: true, invalid: minutesHint })}
  ${textField({ ...fieldIn(f, 'indirectMinutes'), label: 'Indirect (minuten)', type: 'number', required: true, invalid: minutesHint })}
  ${textField({ ...fieldIn(f, 'digitalMinutes'), label: 'Waarvan digitaal (minuten)', type: 'number', required: true, invalid: minutesHint })}
  ${textField({ ...fieldIn(f, 'groupMinutes'), label: 'Groepscontacttijd (minuten)', type: 'number', description: groupTimeHelp, invalid: minutesHint })}`;

export const monthFiguresOf = (v: FormValues) => ({
  month: v.month ?? '',
  directMinutes: Number(v.directMinutes || NaN),
  indirectMinutes: Number(v.indirectMinutes || 0),
  digitalMinutes: Number(v.digitalMinutes || 0),
  groupMinutes: Number(v.groupMinutes || 0),
});
