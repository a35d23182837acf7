import { dutchDate } from '../../domain/dutch-dates';
import { html, type Html } from '../html';
import type { Detail } from './trajectory-forms';

type Report = NonNullable<Detail['reports']>[number];

const requestNames: Record<Report['kind'], string> = { EXTENSION: 'verlenging', EXPANSION: 'uitbreiding' };

/** Seed 003: what the provider reports on with a request, as the form asked it. */
const questions: [keyof Pick<Report, 'goalsReached' | 'stillNeeded' | 'intendedOutflow'>, string][] = [
  ['goalsReached', 'Welke doelen zijn bereikt?'],
  ['stillNeeded', 'Wat is er nog nodig?'],
  ['intendedOutflow', 'Welke uitstroom is beoogd?'],
];

/** An answer as typed: its lines as paragraphs. */
const paragraphs = (text: string) =>
  text
    .split(/\n+/)
    .filter((line) => line.trim())
    .map((line) => html`<p class="utrecht-paragraph">${line}</p>`);

/** One report under its heading (`anchor`: its id on the page, unique): who filed it when, and its three answers. */
function reportView(r: Report, title: string, anchor: string): Html {
  const filed = `Ingediend op ${dutchDate(new Date(r.filedAt))}${r.authorName ? ` door ${r.authorName}` : ''}.`;
  return html`<section class="request-report" aria-labelledby="${anchor}">
    <h3 class="utrecht-heading-3" id="${anchor}">${title}</h3>
    <p class="utrecht-paragraph">${filed}</p>
    <dl class="utrecht-data-list">
      ${questions.map(
        ([key, question]) =>
          html`<div class="utrecht-data-list__item">
            <dt class="utrecht-data-list__item-key">${question}</dt>
            <dd class="utrecht-data-list__item-value">${paragraphs(r[key])}</dd>
          </div>`,
      )}
    </dl>
  </section>`;
}

/**
 * The report of the request the consultant is deciding (the latest of its kind: a request waits for
 * its decision before another is filed), shown beside the decision (seed 003: reporting is mandatory).
 */
export function pendingReport(t: Detail, kind: Report['kind']): Html {
  const report = t.reports?.find((r) => r.kind === kind);
  return report ? reportView(report, 'Verslag van de zorgaanbieder', `te-besluiten-${report.id}`) : html``;
}

/** Every report of the trajectory, newest first; nothing when none was filed (or for operations). */
export function reportsSection(reports: Detail['reports']): Html {
  if (!reports?.length) return html``;
  return html`<h2 class="utrecht-heading-2">Verslagen bij aanvragen</h2>
    ${reports.map((r) => reportView(r, `Aanvraag van ${requestNames[r.kind]}`, `verslag-${r.id}`))}`;
}

/** In the timeline, a request's event leads to its report below (when it is on the page). */
export function reportLink(e: Detail['timeline'][number], reports: Detail['reports']): Html {
  const reportId = typeof e.data === 'object' && e.data !== null && 'reportId' in e.data ? e.data.reportId : undefined;
  if (!reports?.some((r) => r.id === reportId)) return html``;
  return html` – <a class="utrecht-link" href="#verslag-${String(reportId)}">lees het verslag</a>`;
}
