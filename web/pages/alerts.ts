import type { z } from 'zod';
import type { alerts } from '../../api/operations-responses';
import { dutchDateTime } from '../../domain/dutch-dates';
import { labelOf, operationsAlertLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { html } from '../html';
import { page, statusMessage, table } from '../layout';
import { pagination, pageWindow } from '../paging';
import { csrfField } from '../session';

type AlertRow = z.output<typeof alerts>['items'][number];

/** The button's name says which signal, for a screen reader's list of buttons. */
function resolveForm(visit: Visit, a: AlertRow) {
  const which = `${labelOf(operationsAlertLabels, a.kind)}, sinds ${dutchDateTime(new Date(a.firstSeenAt))}`;
  return html`<form class="inline-form" method="post" action="/signalen/${a.id}/afgehandeld">
    ${csrfField(visit.viewer.csrf)}
    <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label="Afgehandeld: ${which}">
      Afgehandeld
    </button>
  </form>`;
}

/**
 * Operations: trajectories whose workflow stopped or keeps failing, which no consultant or
 * provider would notice (a deadline that never fires), newest first; each marked handled once mended.
 */
export async function alertsPage(visit: Visit, pageNumber = 1, resolved = false): Promise<string> {
  const { items, total } = (await visit.call('get', '/alerts', {
    query: { ...pageWindow(pageNumber), resolved: 'false' },
  })) as z.output<typeof alerts>;
  const rows = items.map((a) => [
    html`${labelOf(operationsAlertLabels, a.kind)}`,
    html`${a.trajectoryId ? html`<a class="utrecht-link" href="/trajecten/${a.trajectoryId}">Open traject</a>` : ''}`,
    html`${a.occurrences}`,
    html`${dutchDateTime(new Date(a.firstSeenAt))}`,
    html`${dutchDateTime(new Date(a.lastSeenAt))}`,
    // Ids and the error as the worker reported it, in its own words.
    html`<span lang="en">${a.detail}</span>`,
    resolveForm(visit, a),
  ]);
  return page(
    'Signalen',
    html`${statusMessage(resolved ? 'Het signaal is afgehandeld.' : undefined)}
      <p class="utrecht-paragraph">
        Trajecten waarvan het proces niet meer loopt of steeds vastloopt. Niemand anders merkt dit: er gaat geen termijn
        meer af. Markeer een signaal als afgehandeld als het proces weer loopt; meldt het zich opnieuw, dan komt het
        terug.
      </p>
      ${table(
        'Open signalen, het laatst gemelde eerst',
        ['Signaal', 'Traject', 'Aantal keer', 'Eerst gemeld', 'Laatst gemeld', 'Technische melding', 'Actie'],
        rows,
        'Er zijn geen open signalen.',
      )}
      ${pagination('/signalen', {}, pageNumber, total)}`,
    visit.viewer,
  );
}
