import { hoursPerWeekText } from '../../domain/labels';
import { fieldIn, selectField, textArea, textField, type FormValues } from '../forms';
import { html } from '../html';
import type { Filling, TrajectoryForm } from './trajectory-forms';
import { decided, decisions, hourly, hours, hoursHint, inCare } from './trajectory-form-parts';
import { pendingReport } from './trajectory-reports';

/** Seed 003: the report of an extension or expansion request. */
const reportFields = (f: Filling) =>
  html`${textArea({ ...fieldIn(f, 'report.goalsReached'), label: 'Welke doelen zijn bereikt?', required: true })}
  ${textArea({ ...fieldIn(f, 'report.stillNeeded'), label: 'Wat is er nog nodig?', required: true })}
  ${textArea({ ...fieldIn(f, 'report.intendedOutflow'), label: 'Welke uitstroom is beoogd?', required: true })}`;

const reportOf = (values: FormValues) => ({
  goalsReached: values['report.goalsReached'] ?? '',
  stillNeeded: values['report.stillNeeded'] ?? '',
  intendedOutflow: values['report.intendedOutflow'] ?? '',
});

/** Why the consultant decides so: required when refusing; the provider reads it in the timeline. */
const motivationField = (f: Filling) =>
  textArea({
    ...fieldIn(f, 'motivation'),
    label: 'Motivering',
    description: 'Verplicht bij afwijzen: waarom. De zorgaanbieder leest dit bij het traject.',
  });
const motivationOf = (v: FormValues) => (v.motivation?.trim() ? { motivation: v.motivation } : {});

/**
 * Seed 003: the provider asks for an extension or an expansion with the mandatory report; the
 * consultant decides beside that report, and says why when refusing. In the lifecycle's order.
 */
export const requestForms: TrajectoryForm[] = [
  {
    key: 'verlenging-aanvragen',
    title: 'Verlenging aanvragen',
    button: 'Verlenging aanvragen met verslag',
    action: 'extension-request',
    role: 'PROVIDER',
    applies: inCare((care) => care.extendable && care.extension === null),
    fields: reportFields,
    body: (v) => ({ report: reportOf(v) }),
  },
  {
    key: 'uitbreiding-aanvragen',
    title: 'Uitbreiding aanvragen',
    button: 'Uitbreiding aanvragen met verslag',
    action: 'expansion-request',
    role: 'PROVIDER',
    applies: inCare((care) => hourly(care) && care.expansion?.status !== 'REQUESTED'),
    fields: (f) =>
      html`${textField({
        ...fieldIn(f, 'hoursPerWeek'),
        label: 'Gevraagde uren per week',
        type: 'decimal',
        invalid: hoursHint,
        required: true,
      })}
      ${reportFields(f)}`,
    body: (v) => ({ hoursPerWeek: hours(v.hoursPerWeek), report: reportOf(v) }),
  },
  {
    key: 'verlenging-besluiten',
    title: 'Besluit over verlenging',
    button: 'Besluit over verlenging vastleggen',
    action: 'extension-decision',
    role: 'CONSULTANT',
    primary: true,
    applies: inCare((care) => care.extension === 'REQUESTED'),
    fields: (f) =>
      html`${pendingReport(f.trajectory, 'EXTENSION')}
      ${selectField({ ...fieldIn(f, 'granted'), label: 'Besluit', required: true, options: decisions })}
      ${textField({
        ...fieldIn(f, 'newEndDate'),
        label: 'Nieuwe einddatum',
        type: 'date',
        description: 'Bij toekennen: tot en met wanneer de volgende periode loopt.',
      })}
      ${motivationField(f)}`,
    body: (v) => ({ granted: decided(v.granted), newEndDate: v.newEndDate || undefined, ...motivationOf(v) }),
  },
  {
    key: 'uitbreiding-besluiten',
    title: 'Besluit over uitbreiding',
    button: 'Besluit over uitbreiding vastleggen',
    action: 'expansion-decision',
    role: 'CONSULTANT',
    primary: true,
    applies: inCare((care) => care.expansion?.status === 'REQUESTED' || care.expansionAdvised),
    fields: (f) =>
      html`${f.trajectory.care?.expansion?.status === 'REQUESTED' ? pendingReport(f.trajectory, 'EXPANSION') : ''}
      ${selectField({ ...fieldIn(f, 'granted'), label: 'Besluit', required: true, options: decisions })}
      ${textField({
        ...fieldIn(f, 'hoursPerWeek'),
        label: 'Uren per week na uitbreiding',
        type: 'decimal',
        invalid: hoursHint,
        description: f.trajectory.care?.expansion
          ? `Leeg laten: de gevraagde ${hoursPerWeekText(f.trajectory.care.expansion.requestedHoursPerWeek)}.`
          : 'Bij toekennen: het nieuwe aantal uren per week.',
      })}
      ${motivationField(f)}`,
    body: (v) => ({ granted: decided(v.granted), hoursPerWeek: hours(v.hoursPerWeek), ...motivationOf(v) }),
  },
];
