import type { z } from 'zod';
import type { accessLog, users } from '../../api/operations-responses';
import { dutchDate, dutchDateTime } from '../../domain/dutch-dates';
import { accessKindLabels, labelOf, roleLabels } from '../../domain/labels';
import { referenceOf } from '../../domain/reference';
import type { Visit } from '../context';
import { bsnHint, errorSummary, selectField, submit, textField, type FormValues, type Refused } from '../forms';
import { html, type Html } from '../html';
import { page, statusMessage, table } from '../layout';

export type AccessLog = z.output<typeof accessLog>;
type Line = AccessLog['items'][number];

/** The lines a lookup shows at most; a shorter period shows earlier ones. */
export const ACCESS_LOG_SHOWN = 100;

/** Whose looks: a client's (by BSN) or a person's (by user). */
export type AccessLookupBy = 'client' | 'person';

/** A lookup as sent: by whom, the BSN or person and the period, and what came of it (lines, no such client, or a refusal). */
export interface AccessLookup {
  by: AccessLookupBy;
  values: FormValues;
  found?: AccessLog;
  unknownClient?: boolean;
  refused?: Refused;
}

/** The form's fields as the API's body: an empty date is no bound. */
export const accessLookupBody = (by: AccessLookupBy, values: FormValues) => ({
  ...(by === 'client' ? { bsn: values.bsn ?? '' } : { userId: values.userId ?? '' }),
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

/** Where the list stops short of every line. */
const cutOf = (found: AccessLog) =>
  found.total > found.items.length
    ? ` De laatste ${found.items.length} staan hieronder: kies een kortere periode om eerdere te zien.`
    : '';

const when = (l: Line) => html`${dutchDateTime(new Date(l.occurredAt))}`;
const how = (l: Line) => html`${labelOf(accessKindLabels, l.kind)}`;
const role = (l: Line) => html`${labelOf(roleLabels, l.role)}`;

/** Who saw one client's data: each look with the person, their role and organisation. */
function clientLines(values: FormValues, found: AccessLog): Html {
  const period = periodText(values);
  if (found.total === 0) return statusMessage(`Niemand heeft de gegevens van deze cliënt ingezien${period}.`);
  const rows = found.items.map((l) => [
    when(l),
    html`${l.user.name}`,
    role(l),
    html`${l.user.organisation ?? 'Niet vastgelegd'}`,
    how(l),
    html`${l.trajectoryId ? html`<a class="utrecht-link" href="/trajecten/${l.trajectoryId}">Open traject</a>` : ''}`,
  ]);
  return html`${statusMessage(`De gegevens van deze cliënt zijn ${found.total} keer ingezien${period}.${cutOf(found)}`)}
  ${table('Inzage in de gegevens van de cliënt, de laatste eerst', ['Moment', 'Wie', 'Rol', 'Organisatie', 'Hoe', 'Traject'], rows, '')}`;
}

/** What one person saw: each look by trajectory, named by its kenmerk (no client's data). */
function personLines(values: FormValues, found: AccessLog, name: string): Html {
  const period = periodText(values);
  if (found.total === 0) return statusMessage(`${name} heeft geen gegevens van cliënten ingezien${period}.`);
  const rows = found.items.map((l) => [
    when(l),
    how(l),
    role(l),
    html`${l.trajectoryId ? html`<a class="utrecht-link" href="/trajecten/${l.trajectoryId}">${referenceOf(l.trajectoryId)}</a>` : ''}`,
  ]);
  return html`${statusMessage(`${name} heeft ${found.total} keer gegevens van cliënten ingezien${period}.${cutOf(found)}`)}
  ${table(`Inzage door ${name}, de laatste eerst`, ['Moment', 'Hoe', 'Rol', 'Traject'], rows, '')}`;
}

/**
 * Operations: who saw a client's data, when and how, for the client who asks (AVG, article 15), and
 * what one person saw, for the check on looks without cause (NEN 7513). The BSN goes in the form's
 * body, never in an address.
 */
export async function accessLogPage(visit: Visit, lookup?: AccessLookup): Promise<string> {
  const people = ((await visit.call('get', '/users')) as z.output<typeof users>).items;
  const sent = (by: AccessLookupBy) => (lookup?.by === by ? lookup : undefined);
  const errorsOf = (by: AccessLookupBy) => sent(by)?.refused?.errors ?? {};
  /** A field of one of the two forms, with what was sent in it and its refusal (ids of its own form). */
  const field = (form: AccessLookupBy, name: string, label: string) => ({
    form,
    name,
    label,
    value: sent(form)?.values[name],
    errors: errorsOf(form),
  });
  const period = (form: AccessLookupBy) =>
    html`${textField({ ...field(form, 'from', 'Vanaf (niet verplicht)'), type: 'date' })}
    ${textField({ ...field(form, 'to', 'Tot en met (niet verplicht)'), type: 'date' })}`;

  const clientFields = html`${textField({ ...field('client', 'bsn', 'BSN van de cliënt'), required: true, invalid: bsnHint })}
  ${period('client')}`;
  const personFields = html`${selectField({
    ...field('person', 'userId', 'Medewerker'),
    required: true,
    options: people.map((p): [string, string] => [
      p.id,
      `${p.name} (${labelOf(roleLabels, p.role)}${p.organisation ? `, ${p.organisation}` : ''})`,
    ]),
  })}
  ${period('person')}`;
  const client = sent('client');
  const person = sent('person');
  const personName = people.find((p) => p.id === person?.values.userId)?.name ?? 'Deze medewerker';
  return page(
    'Inzage in cliëntgegevens',
    html`<p class="utrecht-paragraph">
        Wie heeft de gegevens van een cliënt bekeken, wanneer en hoe: een geopend traject of de cliënt gevonden bij het
        zoeken. Voor een cliënt die dat wil weten en voor controle op inzage zonder reden.
      </p>
      <h2 class="utrecht-heading-2">Wie zag de gegevens van een cliënt?</h2>
      <p class="utrecht-paragraph">Ook dit opzoeken wordt vastgelegd, als inzage in de gegevens van de cliënt.</p>
      ${errorSummary(client?.refused?.summary, errorsOf('client'), clientFields, 'client')}
      <form method="post" action="/inzage" novalidate>
        ${clientFields} ${submit('Inzage opzoeken', visit.viewer.csrf)}
      </form>
      ${client?.unknownClient ? statusMessage('Er is geen cliënt met dit BSN bekend.', 'warning') : ''}
      ${client?.found ? clientLines(client.values, client.found) : ''}
      <h2 class="utrecht-heading-2">Wat zag een medewerker?</h2>
      ${errorSummary(person?.refused?.summary, errorsOf('person'), personFields, 'person')}
      <form method="post" action="/inzage/medewerker" novalidate>
        ${personFields} ${submit('Inzage van medewerker opzoeken', visit.viewer.csrf)}
      </form>
      ${person?.found ? personLines(person.values, person.found, personName) : ''}`,
    visit.viewer,
  );
}
