import type { PrismaClient } from '../../prisma/client';
import type { z } from 'zod';
import type { trajectorySummary } from '../../api/responses';
import { trajectoryPhases } from '../../domain/lifecycle';
import { lastDayBefore } from '../../domain/calendar';
import { openTasksTimed } from '../../prisma/records/task-timing';
import { dutchDate, dutchDeadline } from '../../domain/dutch-dates';
import { referenceOf } from '../../domain/reference';
import { deadlineLabels, labelOf, phaseLabels } from '../../domain/labels';
import { providersOf, type Visit } from '../context';
import { errorSummary, selectField, submit, textField, type Refused } from '../forms';
import { html } from '../html';
import { everyRow, pagination, pageWindow } from '../paging';
import { csv } from './csv';
import { kpiSection } from './kpis';
import { page, statusMessage, table } from '../layout';

type TrajectoryRow = z.output<typeof trajectorySummary>;

const filterKeys = ['phase', 'providerId', 'product', 'tasks', 'deadlineWithinDays'] as const;

/** The phase filter's choices, every phase or one (the overview's search and the Trajecten page). */
export const phaseChoices: [string, string][] = [
  ['', 'Alle fasen'],
  ...trajectoryPhases.map((p): [string, string] => [p, phaseLabels[p]]),
];

/** The overview's filters, as the trajectory list takes them (phase, provider, product, late or at-once tasks, deadlines soon). */
export type OverviewFilters = Partial<Record<(typeof filterKeys)[number], string>>;

export function overviewFilters(query: Record<string, unknown>): OverviewFilters {
  const filters: OverviewFilters = {};
  for (const key of filterKeys) {
    const value = query[key];
    if (typeof value === 'string' && value !== '') filters[key] = value;
  }
  return filters;
}

async function choices(visit: Visit) {
  const [providers, products] = await Promise.all([
    providersOf(visit),
    visit.call('get', '/products') as Promise<{ items: { code: string; name: string }[] }>,
  ]);
  return { providers, products: products.items };
}

/** The selected trajectories as CSV for a spreadsheet (semicolons and a BOM, as Dutch Excel expects). */
export async function overviewCsv(visit: Visit, filters: OverviewFilters): Promise<string> {
  const [{ providers }, rows] = await Promise.all([
    choices(visit),
    everyRow<TrajectoryRow>(visit, '/trajectories', filters),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const lines = [
    ['Traject', 'Kenmerk', 'Fase', 'Zorgaanbieder', 'Product', 'Volgende termijn', 'Datum termijn'],
    ...rows.map((t) => [
      t.id,
      referenceOf(t.id),
      labelOf(phaseLabels, t.phase),
      providerName.get(t.providerId) ?? '',
      t.indications[0]?.productCode ?? '',
      labelOf(deadlineLabels, t.nextDeadlineKind),
      t.nextDeadlineAt ? lastDayBefore(new Date(t.nextDeadlineAt)) : '',
    ]),
  ];
  return csv(lines);
}

/**
 * How many trajectories stand where: by phase, provider and product; tasks late, and those to do at
 * once with the oldest's day (they have no deadline to pass, so their age is what tells); deadlines in 14 days.
 */
async function counts(prisma: PrismaClient, now: Date) {
  const [phases, providers, products, lateTasks, atOnce, dueSoon] = await Promise.all([
    prisma.trajectory.groupBy({ by: ['phase'], _count: { _all: true } }),
    prisma.trajectory.groupBy({ by: ['providerId'], where: { phase: { not: 'CLOSED' } }, _count: { _all: true } }),
    prisma.indication.groupBy({ by: ['productCode'], where: { status: 'ACTIVE' }, _count: { _all: true } }),
    prisma.task.count({ where: openTasksTimed(prisma, 'LATE', now) }),
    prisma.task.aggregate({
      where: openTasksTimed(prisma, 'AT_ONCE', now),
      _count: { _all: true },
      _min: { createdAt: true },
    }),
    prisma.trajectory.count({
      where: { nextDeadlineAt: { gte: now, lte: new Date(now.getTime() + 14 * 86_400_000) } },
    }),
  ]);
  return {
    byPhase: new Map(phases.map((c) => [c.phase as string, c._count._all])),
    byProvider: providers.map((c) => ({ providerId: c.providerId, count: c._count._all })),
    byProduct: products.map((c) => ({ productCode: c.productCode, count: c._count._all })),
    lateTasks,
    atOnceTasks: atOnce._count._all,
    oldestAtOnce: atOnce._min.createdAt,
    dueSoon,
  };
}

/** A kenmerk looked up on the overview: as typed, and why it was refused or what it found when not one trajectory. */
export interface ReferenceLookup {
  kenmerk?: string;
  refused?: Refused;
  /** The trajectories found, when none or several (one opens at once). */
  found?: string[];
}

/** Operations are phoned or mailed about a trajectory by its kenmerk (T-5F3C9A2E, as the e-mails name it). */
function referenceForm(visit: Visit, lookup: ReferenceLookup) {
  const errors = lookup.refused?.errors ?? {};
  const field = textField({
    name: 'kenmerk',
    label: 'Kenmerk',
    value: lookup.kenmerk,
    errors,
    required: true,
    description: 'Zoals het in een e-mail staat, bijvoorbeeld T-5F3C9A2E',
    invalid: 'Vul een kenmerk in zoals T-5F3C9A2E: T- en 8 cijfers of letters A tot en met F.',
  });
  const found = lookup.found;
  return html`<h2 class="utrecht-heading-2">Traject op kenmerk</h2>
    ${errorSummary(lookup.refused?.summary, errors, field)}
    <form method="post" action="/overzicht/kenmerk" class="filters" novalidate>
      ${field} ${submit('Zoek op kenmerk', visit.viewer.csrf)}
    </form>
    ${found?.length === 0 ? statusMessage('Geen traject met dit kenmerk.', 'warning') : ''}
    ${
      found && found.length > 1
        ? statusMessage(
            html`Meer trajecten met dit kenmerk:
            ${found.map((id, i) => html`${i ? ', ' : ''}<a class="utrecht-link" href="/trajecten/${id}">traject ${i + 1}</a>`)}.`,
          )
        : ''
    }`;
}

/** Operations: how many trajectories stand where, the KPIs, and the selected ones page by page in order of their next deadline. */
export async function overviewPage(
  visit: Visit,
  prisma: PrismaClient,
  filters: OverviewFilters,
  pageNumber = 1,
  lookup: ReferenceLookup = {},
): Promise<string> {
  const now = new Date();
  const [count, { providers, products }, list, reviews] = await Promise.all([
    counts(prisma, now),
    choices(visit),
    visit.call('get', '/trajectories', {
      query: { ...filters, ...pageWindow(pageNumber) },
    }) as Promise<{
      items: TrajectoryRow[];
      total: number;
    }>,
    visit.call('get', '/providers/reviews') as Promise<{ items: { overdue: boolean }[] }>,
  ]);
  const waiting = reviews.items.filter((r) => r.overdue).length;
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const productName = new Map(products.map((p) => [p.code, p.name]));
  const productLabel = (code: string | undefined) => (code ? `${code} – ${productName.get(code) ?? ''}` : '');
  const rows = list.items.map((t) => [
    html`${labelOf(phaseLabels, t.phase)}`,
    html`${providerName.get(t.providerId) ?? ''}`,
    html`${productLabel(t.indications[0]?.productCode)}`,
    html`${labelOf(deadlineLabels, t.nextDeadlineKind)}`,
    html`${t.nextDeadlineAt ? dutchDeadline(new Date(t.nextDeadlineAt)) : ''}`,
    html`<a class="utrecht-link" href="/trajecten/${t.id}">Open traject</a>${
        visit.workflowLink
          ? html` · <a class="utrecht-link" href="${visit.workflowLink(t.id)}">Proces in Temporal</a>`
          : ''
      }`,
  ]);
  const errors = {};
  const query = new URLSearchParams(filters).toString();
  return page(
    'Overzicht',
    html`${referenceForm(visit, lookup)}
      <h2 class="utrecht-heading-2">Stand van zaken</h2>
      <ul class="utrecht-unordered-list">
        <li>
          <a class="utrecht-link" href="/overzicht?tasks=late#gevonden"
            >${count.lateTasks} ${count.lateTasks === 1 ? 'taak' : 'taken'} te laat</a
          >
        </li>
        <li>
          <a class="utrecht-link" href="/overzicht?tasks=atOnce#gevonden"
            >${count.atOnceTasks} ${count.atOnceTasks === 1 ? 'taak' : 'taken'} om zo snel mogelijk te doen</a
          >${count.oldestAtOnce ? ` (de oudste sinds ${dutchDate(count.oldestAtOnce)})` : ''}
        </li>
        <li>
          <a class="utrecht-link" href="/overzicht?deadlineWithinDays=14#gevonden"
            >${count.dueSoon} trajecten met een termijn in de komende 14 dagen</a
          >
        </li>
        ${
          waiting
            ? html`<li>
                <a class="utrecht-link" href="/zorgaanbieders"
                  >${waiting} ${waiting === 1 ? 'zorgaanbieder wacht' : 'zorgaanbieders wachten'} op een jaargesprek</a
                >
              </li>`
            : ''
        }
      </ul>
      <div class="count-tables">
        ${table(
          'Trajecten per fase',
          ['Fase', 'Aantal'],
          trajectoryPhases.map((p) => [html`${phaseLabels[p]}`, html`${count.byPhase.get(p) ?? 0}`]),
          'Nog geen trajecten.',
        )}
        ${table(
          'Lopende trajecten per zorgaanbieder',
          ['Zorgaanbieder', 'Aantal'],
          count.byProvider.map((c) => [html`${providerName.get(c.providerId) ?? ''}`, html`${c.count}`]),
          'Geen lopende trajecten.',
        )}
        ${table(
          'Lopende indicaties per product',
          ['Product', 'Aantal'],
          count.byProduct.map((c) => [html`${productLabel(c.productCode)}`, html`${c.count}`]),
          'Geen lopende indicaties.',
        )}
      </div>
      <h2 class="utrecht-heading-2">Kengetallen per zorgaanbieder en product</h2>
      ${await kpiSection(visit, providerName)}
      <h2 class="utrecht-heading-2" id="gevonden">Trajecten zoeken</h2>
      <form method="get" action="/overzicht" class="filters">
        ${selectField({
          name: 'phase',
          label: 'Fase',
          value: filters.phase,
          errors,
          options: phaseChoices,
        })}
        ${selectField({
          name: 'providerId',
          label: 'Zorgaanbieder',
          value: filters.providerId,
          errors,
          options: [['', 'Alle zorgaanbieders'], ...providers.map((p): [string, string] => [p.id, p.name])],
        })}
        ${selectField({
          name: 'product',
          label: 'Product',
          value: filters.product,
          errors,
          options: [
            ['', 'Alle producten'],
            ...products.map((p): [string, string] => [p.code, `${p.code} – ${p.name}`]),
          ],
        })}
        ${selectField({
          name: 'tasks',
          label: 'Taken',
          value: filters.tasks,
          errors,
          options: [
            ['', 'Alle trajecten'],
            ['late', 'Met een te late taak'],
            ['atOnce', 'Met een taak om zo snel mogelijk te doen'],
          ],
        })}
        ${selectField({
          name: 'deadlineWithinDays',
          label: 'Termijn',
          value: filters.deadlineWithinDays,
          errors,
          options: [
            ['', 'Alle termijnen'],
            ['14', 'In de komende 14 dagen'],
          ],
        })}
        <p><button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button></p>
      </form>
      <p class="utrecht-paragraph">
        ${list.total === 1 ? '1 traject' : `${list.total} trajecten`} gevonden.
        <a class="utrecht-link" href="/overzicht/trajecten.csv${query ? `?${query}` : ''}">Exporteer als CSV</a>
      </p>
      ${table('Gevonden trajecten, op volgorde van termijn', ['Fase', 'Zorgaanbieder', 'Product', 'Termijn', 'Datum', 'Traject'], rows, 'Geen trajecten gevonden.')}
      ${pagination('/overzicht', filters, pageNumber, list.total)}`,
    visit.viewer,
  );
}
