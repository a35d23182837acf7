import type { z } from 'zod';
import type { costs, tariffs } from '../../api/operations-responses';
import type { products } from '../../api/responses';
import { dateOf } from '../../domain/calendar';
import { tariffUnits } from '../../domain/costs';
import { dutchDate } from '../../domain/dutch-dates';
import { labelOf, tariffUnitLabels } from '../../domain/labels';
import { providersOf, type Visit } from '../context';
import { errorSummary, selectField, submit, textField, type FormValues, type Refused } from '../forms';
import { html, type Html } from '../html';
import { page, statusMessage, table } from '../layout';
import { allPages } from '../paging';
import { budgetSection, type BudgetChanged } from './budgets';
import { csv } from './csv';

type CostRow = z.output<typeof costs>['items'][number];
type CostAnswer = Omit<z.output<typeof costs>, 'items' | 'total' | 'limit' | 'offset'>;
type Product = z.output<typeof products>['items'][number];

/** What was just done, said above the tariffs (`?tarief=`). */
export const tariffChanges = {
  toegevoegd: 'Het tarief is toegevoegd.',
  gecorrigeerd: 'Het tarief is gecorrigeerd.',
  verwijderd: 'Het tarief is verwijderd.',
};
export type TariffChanged = keyof typeof tariffChanges;

const euro = new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' });
/** "€ 1.234,56". */
export const euros = (cents: number) => euro.format(cents / 100);

/** "692,21", "€ 1.234,56" or "70" as cents; anything else as typed, for the API to refuse beside the field. */
export function centsOf(amount: string | undefined): number | string {
  const typed = (amount ?? '').replace(/[€\s]/g, '');
  const plain = typed.includes(',') ? typed.replace(/\./g, '').replace(',', '.') : typed;
  return /^\d+(\.\d+)?$/.test(plain) ? Math.round(Number(plain) * 1e6) / 1e4 : typed;
}

/** The form's fields as the API's body (`POST /tariffs`). */
export const tariffBody = (v: FormValues) => ({
  productCode: v.productCode ?? '',
  validFrom: v.validFrom ?? '',
  amountCents: centsOf(v.amount),
  unit: v.unit ?? '',
  source: v.source ?? '',
});

/** The API names the amount in cents; the form asks euros. */
export const refusedAmountAt = (refused: Refused): Refused => {
  const { amountCents, ...others } = refused.errors;
  return amountCents ? { ...refused, errors: { ...others, amount: amountCents } } : refused;
};

export const amountHint =
  'Vul een bedrag in euro in, zoals 692,21: meer dan 0 en hoogstens 100.000 euro, in hele centen.';

/** "12 dagen, 1 maand": care no tariff prices. */
function withoutTariff(r: { daysWithoutTariff: number; monthsWithoutTariff: number }): string {
  const parts = [
    r.daysWithoutTariff && `${r.daysWithoutTariff} ${r.daysWithoutTariff === 1 ? 'dag' : 'dagen'}`,
    r.monthsWithoutTariff && `${r.monthsWithoutTariff} ${r.monthsWithoutTariff === 1 ? 'maand' : 'maanden'}`,
  ];
  return parts.filter(Boolean).join(', ');
}

const hoursText = (minutes: number) =>
  minutes ? (minutes / 60).toLocaleString('nl-NL', { maximumFractionDigits: 2 }) : '';

type Figures = Omit<CostRow, 'providerId' | 'productCode'>;

/** The year's costs per provider and product ("Demo Begeleiding A · IB2"), and their total. */
async function costLines(
  visit: Visit,
  year: number,
): Promise<{ lines: [string, Figures][]; total: Figures; budgets: CostAnswer['budgets'] }> {
  const [{ rows, answer }, providers] = await Promise.all([
    allPages<CostRow, CostAnswer>(visit, '/costs', { year: String(year) }),
    providersOf(visit),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const sum = (pick: (r: CostRow) => number) => rows.reduce((total, r) => total + pick(r), 0);
  const total = {
    // Each once: a trajectory with a surcharge or a change of product is in several rows.
    trajectories: answer.trajectories,
    allocatedCents: sum((r) => r.allocatedCents),
    realisedCents: sum((r) => r.realisedCents),
    declaredMinutes: sum((r) => r.declaredMinutes),
    daysWithoutTariff: sum((r) => r.daysWithoutTariff),
    monthsWithoutTariff: sum((r) => r.monthsWithoutTariff),
  };
  const lines = rows.map((r): [string, Figures] => [
    `${providerName.get(r.providerId) ?? 'Onbekend'} · ${r.productCode}`,
    r,
  ]);
  return { lines, total, budgets: answer.budgets };
}

const costHeaders = [
  'Zorgaanbieder en product',
  'Trajecten',
  'Toegekend',
  'Gerealiseerd',
  'Verantwoorde uren',
  'Zonder tarief',
];

/** A line's cells, money as `money` writes it: "€ 1.234,56" on the page, "1234,56" in a spreadsheet. */
const costCells = (label: string, r: Figures, money: (cents: number) => string) => [
  label,
  String(r.trajectories),
  money(r.allocatedCents),
  money(r.realisedCents),
  hoursText(r.declaredMinutes),
  withoutTariff(r),
];

/** The year's budgets and costs as tables, the costs with their total and what no tariff prices. */
async function costSection(visit: Visit, year: number, budgetChanged?: BudgetChanged): Promise<Html> {
  const { lines, total, budgets } = await costLines(visit, year);
  const rows = lines.length ? [...lines, ['Totaal', total] as const] : [];
  const missing = total.daysWithoutTariff + total.monthsWithoutTariff > 0;
  return html`${budgetSection(budgets, year, budgetChanged)}
  ${table(
    `Kosten per zorgaanbieder en product in ${year}`,
    costHeaders,
    rows.map(([label, r]) => costCells(label, r, euros).map((c) => html`${c}`)),
    `In ${year} is er geen zorg toegewezen.`,
  )}
  ${
    missing
      ? statusMessage(
          'Voor een deel van de zorg geldt geen tarief: die dagen en maanden tellen niet mee. Voeg het tarief hieronder toe.',
          'warning',
        )
      : ''
  }
  ${lines.length ? html`<p class="utrecht-paragraph"><a class="utrecht-link" href="/kosten/kosten-${year}.csv">Exporteer de kosten van ${year} als CSV</a></p>` : ''}`;
}

/** "1234,56": an amount as a Dutch spreadsheet reads a number. */
const plainEuros = (cents: number) => (cents / 100).toFixed(2).replace('.', ',');

/** The year's costs for a spreadsheet, with the total. */
export async function costsCsv(visit: Visit, year: number): Promise<string> {
  const { lines, total } = await costLines(visit, year);
  return csv([
    costHeaders,
    ...[...lines, ['Totaal', total] as const].map(([label, r]) => costCells(label, r, plainEuros)),
  ]);
}

/** The catalogue's tariffs, the latest of each product last. */
function tariffTable(items: z.output<typeof tariffs>['items'], productName: Map<string, string>): Html {
  const rows = items.map((t) => [
    html`${t.productCode} – ${productName.get(t.productCode) ?? ''}`,
    html`${dutchDate(t.validFrom)}`,
    html`${t.validTo ? dutchDate(t.validTo) : 'nog geen einde'}`,
    html`${euros(t.amountCents)}`,
    html`${labelOf(tariffUnitLabels, t.unit)}`,
    html`${t.source}`,
    html`<a
      class="utrecht-link"
      href="/kosten/tarieven/${t.id}"
      aria-label="Corrigeren of verwijderen: ${t.productCode} vanaf ${dutchDate(t.validFrom)}"
      >Corrigeren of verwijderen</a
    >`,
  ]);
  return table(
    'Tarieven per product',
    ['Product', 'Geldig vanaf', 'Tot en met', 'Bedrag', 'Eenheid', 'Bron', 'Actie'],
    rows,
    'Nog geen tarieven.',
  );
}

function tariffFields(products: Product[], values: FormValues, refused: Refused): Html {
  const field = (name: string, label: string) => ({ name, label, value: values[name], errors: refused.errors });
  return html`${selectField({
    ...field('productCode', 'Product'),
    required: true,
    options: [['', 'Kies een product'], ...products.map((p): [string, string] => [p.code, `${p.code} – ${p.name}`])],
  })}
  ${textField({ ...field('validFrom', 'Geldig vanaf'), type: 'date', required: true })}
  ${textField({ ...field('amount', 'Bedrag in euro'), type: 'decimal', required: true, invalid: amountHint })}
  ${selectField({
    ...field('unit', 'Eenheid'),
    required: true,
    description: 'Per uur voor producten die per uur worden gefinancierd, anders per cliënt.',
    options: [['', 'Kies een eenheid'], ...tariffUnits.map((u): [string, string] => [u, tariffUnitLabels[u] ?? u])],
  })}
  ${textField({
    ...field('source', 'Bron'),
    required: true,
    description: 'Waar het bedrag vandaan komt, zoals de deelovereenkomst of het besluit van dat jaar.',
  })}`;
}

/**
 * Operations: what care cost per provider and product in a year (seed 001: contract management
 * monitors "de betaalbaarheid van voorzieningen"), and the tariffs that price it, which they keep:
 * a new contract year is a new tariff (DOMAIN.md).
 */
export async function costsPage(
  visit: Visit,
  year: number,
  form: { values: FormValues; refused: Refused } = { values: {}, refused: { errors: {} } },
  changed?: TariffChanged,
  budgetChanged?: BudgetChanged,
): Promise<string> {
  const [found, catalogue] = (await Promise.all([visit.call('get', '/tariffs'), visit.call('get', '/products')])) as [
    z.output<typeof tariffs>,
    z.output<typeof products>,
  ];
  const productName = new Map(catalogue.items.map((p) => [p.code, p.name]));
  const fields = tariffFields(catalogue.items, form.values, form.refused);
  const thisYear = Number(dateOf(new Date()).slice(0, 4));
  return page(
    'Kosten en tarieven',
    html`<nav aria-label="Jaar">
        <ul class="filter-links">
          <li><a class="utrecht-link" href="/kosten?jaar=${year - 1}">${year - 1}</a></li>
          <li><a class="utrecht-link" href="/kosten?jaar=${year}" aria-current="page">${year}</a></li>
          <li><a class="utrecht-link" href="/kosten?jaar=${year + 1}">${year + 1}</a></li>
        </ul>
      </nav>
      <h2 class="utrecht-heading-2">Kosten in ${year}</h2>
      <p class="utrecht-paragraph">
        Toegekend: alle dagen van de toewijzingen in ${year}, of bij producten per uur de toegekende uren per week.
        Gerealiseerd: de dagen zorg${year === thisYear ? ' tot en met vandaag' : ''}, of bij producten per uur de
        verantwoorde uren. Elke dag telt met het tarief dat dan geldt; een traject dat eerder is afgesloten, telt tot
        die dag.
      </p>
      ${await costSection(visit, year, budgetChanged)}
      <h2 class="utrecht-heading-2">Tarieven</h2>
      ${statusMessage(changed && tariffChanges[changed])} ${tariffTable(found.items, productName)}
      <h3 class="utrecht-heading-3">Tarief toevoegen</h3>
      <p class="utrecht-paragraph">
        Een nieuw tarief geldt vanaf de gekozen dag; het tarief dat daarvoor gold, stopt de dag ervoor.
      </p>
      ${errorSummary(form.refused.summary, form.refused.errors, fields)}
      <form method="post" action="/kosten/tarieven?jaar=${year}" novalidate>
        ${fields} ${submit('Tarief toevoegen', visit.viewer.csrf)}
      </form>`,
    visit.viewer,
  );
}
