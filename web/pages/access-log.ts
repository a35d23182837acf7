import type { z } from 'zod';
import type { accessLog } from '../../api/responses';
import { dutchDate, dutchDateTime } from '../../domain/dutch-dates';
import { accessKindLabels, labelOf, roleLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { bsnHint, errorSummary, submit, textField, type FormValues, type Refused } from '../forms';
import { html } from '../html';
import { page, statusMessage, table } from '../layout';

export type AccessLog = z.output<typeof accessLog>;

/** The lines a lookup shows at most; a shorter period shows earlier ones. */
export const ACCESS_LOG_SHOWN = 100;

/** A lookup as sent: the BSN and the period, and what came of it (lines, no such client, or a refusal). */
export interface AccessLookup {
  values: FormValues;
  found?: AccessLog;
  unknownClient?: boolean;
  refused?: Refused;
}

/** The form's fields as the API's body: an empty date is no bound. */
export const accessLookupBody = (values: FormValues) => ({
  bsn: values.bsn ?? '',
  ...(values.from && { from: values.from }),
  ...(values.to && { to: values.to }),
});

function periodText(values: FormValues): string {
  if (values.from && values.to)
    return ` in de periode van ${dutchDate(values.from)} tot en met ${dutchDate(values.to)}`;
  if (values.from) return ` vanaf ${dutchDate(values.from)}`;
  if (values.to) return ` tot en met ${dutchDate(values.to)}`;
  return '';
}

function foundSection(values: FormValues, found: AccessLog) {
  const period = periodText(values);
  if (found.total === 0) return statusMessage(`Niemand heeft de gegevens van deze cliënt ingezien${period}.`);
  const cut =
    found.total > found.items.length
      ? ` De laatste ${found.items.length} staan hieronder: kies een kortere periode om eerdere te zien.`
      : '';
  const rows = found.items.map((l) => [
    html`${dutchDateTime(new Date(l.occurredAt))}`,
    html`${l.user.name}`,
    html`${labelOf(roleLabels, l.role)}`,
    html`${l.user.organisation ?? 'Niet vastgelegd'}`,
    html`${labelOf(accessKindLabels, l.kind)}`,
    html`${l.trajectoryId ? html`<a class="utrecht-link" href="/trajecten/${l.trajectoryId}">Open traject</a>` : ''}`,
  ]);
  return html`${statusMessage(`De gegevens van deze cliënt zijn ${found.total} keer ingezien${period}.${cut}`)}
  ${table(
    'Inzage in de gegevens van de cliënt, de laatste eerst',
    ['Moment', 'Wie', 'Rol', 'Organisatie', 'Hoe', 'Traject'],
    rows,
    '',
  )}`;
}

/**
 * Operations: who saw a client's data, when and how, for the client who asks (AVG, article 15) or a
 * check on who looked without cause (NEN 7513). The BSN goes in the form's body, never in an address.
 */
export function accessLogPage(visit: Visit, lookup: AccessLookup = { values: {} }): string {
  const { values } = lookup;
  const errors = lookup.refused?.errors ?? {};
  const fields = html`${textField({
    name: 'bsn',
    label: 'BSN van de cliënt',
    value: values.bsn,
    errors,
    required: true,
    invalid: bsnHint,
  })}
  ${textField({ name: 'from', label: 'Vanaf (niet verplicht)', type: 'date', value: values.from, errors })}
  ${textField({ name: 'to', label: 'Tot en met (niet verplicht)', type: 'date', value: values.to, errors })}`;
  return page(
    'Inzage in cliëntgegevens',
    html`<p class="utrecht-paragraph">
        Wie heeft de gegevens van een cliënt bekeken, wanneer en hoe: een geopend traject of de cliënt gevonden bij het
        zoeken. Voor een cliënt die dat wil weten en voor controle op inzage zonder reden. Ook dit opzoeken wordt
        vastgelegd.
      </p>
      ${errorSummary(lookup.refused?.summary, errors, fields)}
      <form method="post" action="/inzage" novalidate>${fields} ${submit('Inzage opzoeken', visit.viewer.csrf)}</form>
      ${lookup.unknownClient ? statusMessage('Er is geen cliënt met dit BSN bekend.', 'warning') : ''}
      ${lookup.found ? foundSection(values, lookup.found) : ''}`,
    visit.viewer,
  );
}
