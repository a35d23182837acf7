import type { KpiRow } from '../../prisma/records/kpis';
import type { Visit } from '../context';
import { Html, html } from '../html';
import { table } from '../layout';
import { csv } from './csv';
import { everyRow } from '../paging';

const days = (value: number | null) =>
  value === null ? '' : value.toLocaleString('nl-NL', { maximumFractionDigits: 1 });

interface Named extends KpiRow {
  label: string;
}

async function named(visit: Visit, providerName: Map<string, string>): Promise<Named[]> {
  return (await everyRow<KpiRow>(visit, '/kpis')).map((r) => ({
    ...r,
    label: `${providerName.get(r.providerId) ?? 'Onbekend'} · ${r.productCode ?? 'nog geen product'}`,
  }));
}

const headers = [
  'Zorgaanbieder en product',
  'Trajecten',
  'Dagen tot intake (gem.)',
  'Dagen van intake tot besluit (gem.)',
  'Dagen tot afsluiting (gem.)',
  'Afgesloten',
  'Uitstroom (volgens plan beëindigd)',
  'Afgeschaald',
  'Gesloten op maximale duur',
  'Overgestapt naar andere aanbieder',
  'ZRM: leefgebieden vooruit',
  'ZRM: stabiel',
  'ZRM: achteruit',
  'Doelen behaald',
  'Doelen niet behaald',
];

const cells = (r: Named) => [
  r.label,
  String(r.trajectories),
  days(r.avgDaysToIntake),
  days(r.avgDaysToDecision),
  days(r.avgDaysToClosure),
  String(r.closed),
  String(r.outflow),
  String(r.steppedDown),
  String(r.closedAtMaximum),
  String(r.transferredOut),
  String(r.zrmImproved),
  String(r.zrmStable),
  String(r.zrmDeclined),
  String(r.planGoalsReached),
  String(r.planGoalsMissed),
];

interface Chart {
  id: string;
  caption: string;
  /** What the bars show, for those who do not see them. */
  shows: string;
  datasets: { label: string; data: (number | null)[]; backgroundColor: string }[];
}

// Colours with enough contrast against white and against each other (NL Design System blue, orange, dark red, dark green).
const colours = ['#24578f', '#b35c00', '#a0001c', '#3d6b21'];
const bars = (series: [string, (number | null)[]][]) =>
  series.map(([label, data], i) => ({ label, data, backgroundColor: colours[i % colours.length]! }));

/** The two charts: throughput times, and how trajectories ended. */
const charts = (rows: Named[]): Chart[] => [
  {
    id: 'kpi-doorlooptijden',
    caption: 'Doorlooptijden in dagen',
    shows: 'gemiddelde dagen tot intake, van intake tot besluit en tot afsluiting',
    datasets: bars([
      ['Dagen tot intake', rows.map((r) => r.avgDaysToIntake)],
      ['Dagen van intake tot besluit', rows.map((r) => r.avgDaysToDecision)],
      ['Dagen tot afsluiting', rows.map((r) => r.avgDaysToClosure)],
    ]),
  },
  {
    id: 'kpi-uitstroom',
    caption: 'Uitstroom, afschaling, maximale duur en overstap',
    shows:
      'uitstroom (volgens plan beëindigd), afschaling, afsluiting op maximale duur en overstap naar een andere aanbieder',
    datasets: bars([
      ['Uitstroom', rows.map((r) => r.outflow)],
      ['Afgeschaald', rows.map((r) => r.steppedDown)],
      ['Op maximale duur', rows.map((r) => r.closedAtMaximum)],
      ['Overgestapt', rows.map((r) => r.transferredOut)],
    ]),
  },
];

const figure = (c: Chart) =>
  html`<figure class="kpi-chart">
    <canvas
      id="${c.id}"
      role="img"
      aria-label="Staafdiagram: ${c.shows} per zorgaanbieder en product; de cijfers staan in de tabel hieronder."
    ></canvas>
    <figcaption>${c.caption}</figcaption>
  </figure>`;

/**
 * KPIs per provider and product as charts (Chart.js, drawn by /static/kpi-charts.js from the data
 * block) with the same figures as a table: the table is what screen readers and printouts get.
 */
export async function kpiSection(visit: Visit, providerName: Map<string, string>): Promise<Html> {
  const rows = await named(visit, providerName);
  if (rows.length === 0) return html`<p class="utrecht-paragraph">Nog geen cijfers.</p>`;
  const shown = charts(rows);
  const data = { labels: rows.map((r) => r.label), charts: shown.map(({ id, datasets }) => ({ id, datasets })) };
  // `<` escaped: the data block can never end the script element early.
  const json = JSON.stringify(data).replace(/</g, '\\u003c');
  return html`<div class="kpi-charts">${shown.map(figure)}</div>
    <script type="application/json" id="kpi-data">
      ${new Html(json)}
    </script>
    <script src="/static/chart.umd.min.js"></script>
    <script src="/static/kpi-charts.js"></script>
    ${table(
      'Kengetallen per zorgaanbieder en product',
      headers,
      rows.map((r) => cells(r).map((c) => html`${c}`)),
      'Nog geen cijfers.',
    )}
    <p class="utrecht-paragraph">
      <a class="utrecht-link" href="/overzicht/kengetallen.csv">Exporteer de kengetallen als CSV</a>
    </p>`;
}

export async function kpiCsv(visit: Visit, providerName: Map<string, string>): Promise<string> {
  const rows = await named(visit, providerName);
  return csv([headers, ...rows.map(cells)]);
}
