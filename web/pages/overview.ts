import type { PrismaClient } from '../../prisma/client';
import { trajectoryPhases } from '../../domain/lifecycle';
import { dateOf } from '../../domain/calendar';
import { dutchDate } from '../../domain/dutch-dates';
import { deadlineLabels, labelOf, phaseLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { selectField } from '../forms';
import { html } from '../html';
import { page, table } from '../layout';

interface TrajectoryRow {
  id: string;
  phase: string;
  providerId: string;
  nextDeadlineAt: Date | null;
  nextDeadlineKind: string | null;
  indications: { productCode: string }[];
}

/** The overview's filters, as the trajectory list takes them (phase, provider, product, overdue tasks). */
export type OverviewFilters = Partial<Record<'phase' | 'providerId' | 'product' | 'overdue', string>>;

export function overviewFilters(query: Record<string, unknown>): OverviewFilters {
  const filters: OverviewFilters = {};
  for (const key of ['phase', 'providerId', 'product', 'overdue'] as const) {
    const value = query[key];
    if (typeof value === 'string' && value !== '') filters[key] = value;
  }
  return filters;
}

async function choices(visit: Visit) {
  const [providers, products] = (await Promise.all([
    visit.call('get', '/providers'),
    visit.call('get', '/products'),
  ])) as [{ items: { id: string; name: string }[] }, { items: { code: string; name: string }[] }];
  return { providers: providers.items, products: products.items };
}

/** Every trajectory the filters select, page by page through the same use case (for the export). */
async function allTrajectories(visit: Visit, filters: OverviewFilters): Promise<TrajectoryRow[]> {
  const rows: TrajectoryRow[] = [];
  for (let offset = 0; ; offset += 100) {
    const batch = (await visit.call('get', '/trajectories', {
      query: { ...filters, limit: '100', offset: String(offset) },
    })) as {
      items: TrajectoryRow[];
      total: number;
    };
    rows.push(...batch.items);
    if (batch.items.length === 0 || rows.length >= batch.total) return rows;
  }
}

const csvCell = (value: string): string => (/[";\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** The selected trajectories as CSV for a spreadsheet (semicolons and a BOM, as Dutch Excel expects). */
export async function overviewCsv(visit: Visit, filters: OverviewFilters): Promise<string> {
  const [{ providers }, rows] = await Promise.all([choices(visit), allTrajectories(visit, filters)]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const lines = [
    ['Traject', 'Fase', 'Zorgaanbieder', 'Product', 'Volgende termijn', 'Datum termijn'],
    ...rows.map((t) => [
      t.id,
      labelOf(phaseLabels, t.phase),
      providerName.get(t.providerId) ?? '',
      t.indications[0]?.productCode ?? '',
      labelOf(deadlineLabels, t.nextDeadlineKind),
      t.nextDeadlineAt ? dateOf(new Date(t.nextDeadlineAt)) : '',
    ]),
  ];
  return `\uFEFF${lines.map((cells) => cells.map(csvCell).join(';')).join('\r\n')}\r\n`;
}

/** Operations: how many trajectories stand where, and the selected ones in order of their next deadline. */
export async function overviewPage(visit: Visit, prisma: PrismaClient, filters: OverviewFilters): Promise<string> {
  const counts = await prisma.trajectory.groupBy({ by: ['phase'], _count: { _all: true } });
  const countOf = new Map(counts.map((c) => [c.phase, c._count._all]));
  const [{ providers, products }, list] = await Promise.all([
    choices(visit),
    visit.call('get', '/trajectories', { query: { ...filters, limit: '50' } }) as Promise<{
      items: TrajectoryRow[];
      total: number;
    }>,
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const rows = list.items.map((t) => [
    html`${labelOf(phaseLabels, t.phase)}`,
    html`${providerName.get(t.providerId) ?? ''}`,
    html`${t.indications[0]?.productCode ?? ''}`,
    html`${labelOf(deadlineLabels, t.nextDeadlineKind)}`,
    html`${t.nextDeadlineAt ? dutchDate(new Date(t.nextDeadlineAt)) : ''}`,
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
    html`${table(
        'Trajecten per fase',
        ['Fase', 'Aantal'],
        trajectoryPhases.map((p) => [html`${phaseLabels[p]}`, html`${countOf.get(p) ?? 0}`]),
        'Nog geen trajecten.',
      )}
      <h2 class="utrecht-heading-2">Trajecten zoeken</h2>
      <form method="get" action="/overzicht" class="filters">
        ${selectField({
          name: 'phase',
          label: 'Fase',
          value: filters.phase,
          errors,
          options: [['', 'Alle fasen'], ...trajectoryPhases.map((p): [string, string] => [p, phaseLabels[p]])],
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
          name: 'overdue',
          label: 'Taken',
          value: filters.overdue,
          errors,
          options: [
            ['', 'Alle trajecten'],
            ['true', 'Met een te late taak'],
          ],
        })}
        <p><button class="utrecht-button utrecht-button--primary-action" type="submit">Zoeken</button></p>
      </form>
      <p class="utrecht-paragraph">
        ${list.total === 1 ? '1 traject' : `${list.total} trajecten`}
        gevonden${list.total > 50 ? '; de eerste 50 op volgorde van termijn' : ''}.
        <a class="utrecht-link" href="/overzicht/trajecten.csv${query ? `?${query}` : ''}">Exporteer als CSV</a>
      </p>
      ${table('Gevonden trajecten, op volgorde van termijn', ['Fase', 'Zorgaanbieder', 'Product', 'Termijn', 'Datum', 'Traject'], rows, 'Geen trajecten gevonden.')}`,
    visit.viewer,
  );
}
