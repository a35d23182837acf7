import type { z } from 'zod';
import type { costs, kpis, providerReviews } from '../../api/operations-responses';
import { dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import type { Visit } from '../context';
import { errorSummary, selectField, submit, textArea, textField, type FormValues, type Refused } from '../forms';
import { html } from '../html';
import { page, statusMessage, table } from '../layout';
import { everyRow } from '../paging';
import { euros } from './costs';

type Review = z.output<typeof providerReviews>['items'][number];

/** What was just done, said above the list (`?gesprek=`). */
export const reviewChanges = { vastgelegd: 'Het gesprek is vastgelegd.' };
export type ReviewChanged = keyof typeof reviewChanges;

/** The form's fields as the API's body (`POST /providers/{providerId}/reviews`); empty notes are none. */
export const reviewBody = (v: FormValues) => ({ heldOn: v.heldOn ?? '', ...(v.notes && { notes: v.notes }) });

function dueText(r: Review): string {
  if (r.dueOn === null) return 'nu: nog nooit gevoerd';
  return `${dutchDate(r.dueOn)}${r.overdue ? ' (te laat)' : ''}`;
}

type Kpi = z.output<typeof kpis>['items'][number];
type Cost = z.output<typeof costs>['items'][number];

/** Per provider what a talk is about (seed 001: results per product category, and what it cost): the KPIs of all products added up, and this year's costs. */
async function performanceTable(visit: Visit, providers: Review[]) {
  const year = Number(dateOf(new Date()).slice(0, 4));
  const [kpiRows, costRows] = await Promise.all([
    everyRow<Kpi>(visit, '/kpis'),
    everyRow<Cost>(visit, '/costs', { year: String(year) }),
  ]);
  const sum = <T extends { providerId: string }>(rows: T[], providerId: string, pick: (r: T) => number) =>
    rows.filter((r) => r.providerId === providerId).reduce((total, r) => total + pick(r), 0);
  const rows = providers.map(({ providerId, name }) => [
    html`${name}`,
    html`${String(sum(kpiRows, providerId, (r) => r.trajectories))}`,
    html`${String(sum(kpiRows, providerId, (r) => r.outflow))}`,
    html`${String(sum(kpiRows, providerId, (r) => r.steppedDown))}`,
    html`${String(sum(kpiRows, providerId, (r) => r.planGoalsReached))}`,
    html`${String(sum(kpiRows, providerId, (r) => r.planGoalsMissed))}`,
    html`${euros(sum(costRows, providerId, (r) => r.realisedCents))}`,
  ]);
  return table(
    'Waar het gesprek over gaat, per zorgaanbieder',
    [
      'Zorgaanbieder',
      'Trajecten',
      'Uitstroom',
      'Afgeschaald',
      'Doelen behaald',
      'Doelen niet behaald',
      `Kosten ${year} tot nu`,
    ],
    rows,
    '',
  );
}

/**
 * Operations: the yearly talk with each provider on its performance (seed 001: "Minstens 1x per jaar
 * worden de prestaties van alle zorgaanbieders doorgesproken met Contractmanagement"): when it was
 * last held, what was agreed, when the next is due; and a talk held, recorded.
 */
export async function providerReviewsPage(
  visit: Visit,
  form: { values: FormValues; refused: Refused } = { values: {}, refused: { errors: {} } },
  changed?: ReviewChanged,
): Promise<string> {
  const { items } = (await visit.call('get', '/providers/reviews')) as z.output<typeof providerReviews>;
  const waiting = items.filter((r) => r.overdue).length;
  const field = (name: string, label: string) => ({
    name,
    label,
    value: form.values[name],
    errors: form.refused.errors,
  });
  const fields = html`${selectField({
    ...field('providerId', 'Zorgaanbieder'),
    required: true,
    options: [['', 'Kies een zorgaanbieder'], ...items.map((r): [string, string] => [r.providerId, r.name])],
  })}
  ${textField({ ...field('heldOn', 'Datum van het gesprek'), type: 'date', required: true })}
  ${textArea({ ...field('notes', 'Afspraken (niet verplicht)'), description: 'Over de zorgaanbieder, nooit over een cliënt.' })}`;
  const rows = items.map((r) => [
    html`${r.name}`,
    html`${r.lastHeldOn ? dutchDate(r.lastHeldOn) : 'nog niet'}`,
    html`${r.lastNotes ?? ''}`,
    html`${dueText(r)}`,
  ]);
  return page(
    'Jaargesprekken met zorgaanbieders',
    html`<p class="utrecht-paragraph">
        Minstens één keer per jaar bespreekt contractmanagement de prestaties van elke zorgaanbieder: de kengetallen, de
        doelen en de kosten. Het volgende gesprek is uiterlijk een jaar na het laatste.
      </p>
      ${statusMessage(changed && reviewChanges[changed])}
      ${
        waiting
          ? statusMessage(
              `${waiting} ${waiting === 1 ? 'zorgaanbieder wacht' : 'zorgaanbieders wachten'} op een jaargesprek.`,
              'warning',
            )
          : ''
      }
      ${table(
        'Jaargesprek per zorgaanbieder',
        ['Zorgaanbieder', 'Laatste gesprek', 'Afspraken', 'Volgende uiterlijk'],
        rows,
        'Nog geen zorgaanbieders.',
      )}
      <h2 class="utrecht-heading-2">Prestaties</h2>
      <p class="utrecht-paragraph">
        Alle producten samen; per product staan ze bij de kengetallen op het
        <a class="utrecht-link" href="/overzicht">Overzicht</a> en bij de
        <a class="utrecht-link" href="/kosten">Kosten</a>.
      </p>
      ${await performanceTable(visit, items)}
      <h2 class="utrecht-heading-2">Gesprek vastleggen</h2>
      ${errorSummary(form.refused.summary, form.refused.errors, fields)}
      <form method="post" action="/zorgaanbieders" novalidate>
        ${fields} ${submit('Gesprek vastleggen', visit.viewer.csrf)}
      </form>`,
    visit.viewer,
  );
}
