import type { z } from 'zod';
import type { costs } from '../../api/operations-responses';
import { labelOf, regionLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { errorSummary, fieldIn, selectField, submit, textField, type FormValues, type Refused } from '../forms';
import { html, type Html } from '../html';
import { page, statusMessage, table } from '../layout';
import { euros } from './costs';

type BudgetUse = z.output<typeof costs>['budgets'][number];

/** What was just done, said above the budgets (`?budget=`). */
export const budgetChanges = { vastgelegd: 'Het budget is vastgelegd.' };
export type BudgetChanged = keyof typeof budgetChanges;

/** "€ 812.000,00 (81 % van het budget)". */
const share = (cents: number, budgetCents: number | null) =>
  budgetCents ? `${euros(cents)} (${Math.round((cents / budgetCents) * 100)} % van het budget)` : euros(cents);

/**
 * Affordability (DOMAIN.md: "within budget"): each region's budget for the year beside what its
 * products' care was allocated and has realised, and a warning where the allocations go over it.
 */
export function budgetSection(budgets: BudgetUse[], year: number, changed?: BudgetChanged): Html {
  const over = budgets.filter((b) => b.budgetCents !== null && b.allocatedCents > b.budgetCents);
  const rows = budgets.map((b) => [
    html`${labelOf(regionLabels, b.region)}`,
    html`${b.budgetCents === null ? 'nog niet vastgelegd' : euros(b.budgetCents)}`,
    html`${share(b.allocatedCents, b.budgetCents)}`,
    html`${share(b.realisedCents, b.budgetCents)}`,
  ]);
  return html`${statusMessage(changed && budgetChanges[changed])}
    ${table(`Budget per regio in ${year}`, ['Regio', 'Budget', 'Toegekend', 'Gerealiseerd'], rows, `Voor ${year} is nog geen budget vastgelegd en geen zorg toegewezen.`)}
    ${
      over.length
        ? statusMessage(
            `Meer toegekend dan het budget in ${over.map((b) => labelOf(regionLabels, b.region)).join(' en ')}.`,
            'warning',
          )
        : ''
    }
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="/kosten/budget?jaar=${year}">Budget voor ${year} vastleggen</a>
    </p>`;
}

/** The form's fields as the API's body (`POST /budgets`): whole euros, as typed ("12.500.000"). */
export const budgetBody = (v: FormValues, year: number) => {
  const typed = (v.amount ?? '').replace(/[€\s.]/g, '');
  return { region: v.region ?? '', year, amountEuros: /^\d+$/.test(typed) ? Number(typed) : typed };
};

/** The API names the amount in euros; the form calls the field `amount`. */
export const refusedBudgetAt = (refused: Refused): Refused => {
  const { amountEuros, ...others } = refused.errors;
  return amountEuros ? { ...refused, errors: { ...others, amount: amountEuros } } : refused;
};

/** Contract management sets a region's budget for a year (again: the new amount stands). */
export async function budgetPage(
  visit: Visit,
  year: number,
  form: { values: FormValues; refused: Refused } = { values: {}, refused: { errors: {} } },
): Promise<string> {
  const fields = html`${selectField({
    ...fieldIn(form, 'region'),
    label: 'Regio',
    required: true,
    options: [['', 'Kies een regio'], ...Object.entries(regionLabels)],
  })}
  ${textField({
    ...fieldIn(form, 'amount'),
    label: 'Budget in hele euro',
    type: 'decimal',
    required: true,
    invalid: 'Vul een bedrag in hele euro in, zoals 12.500.000: meer dan 0 en hoogstens een miljard.',
  })}`;
  return page(
    `Budget voor ${year} vastleggen`,
    html`<p class="utrecht-paragraph">
        Wat een regio in ${year} aan individuele begeleiding mag uitgeven. Op
        <a class="utrecht-link" href="/kosten?jaar=${year}">Kosten</a> staat het naast wat is toegekend en gerealiseerd.
        Een budget dat al is vastgelegd, wordt vervangen.
      </p>
      ${errorSummary(form.refused.summary, form.refused.errors, fields)}
      <form method="post" action="/kosten/budget?jaar=${year}" novalidate>
        ${fields} ${submit('Budget vastleggen', visit.viewer.csrf)}
      </form>`,
    visit.viewer,
  );
}
