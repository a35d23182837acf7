import type { PrismaClient } from '../../prisma/client';
import type { z } from 'zod';
import type { searchResults, trajectorySummary } from '../../api/responses';
import { trajectoryPhases, type TrajectoryPhase } from '../../domain/lifecycle';
import { dutchDate, dutchDeadline } from '../../domain/dutch-dates';
import { MAX_NAME_SEARCH_WORDS } from '../../domain/names';
import { isReference } from '../../domain/reference';
import { deadlineLabels, labelOf, phaseLabels } from '../../domain/labels';
import { providersOf, type Visit } from '../context';
import { bsnHint, errorSummary, selectField, submit, textField, type Refused } from '../forms';
import { html } from '../html';
import { page, statusMessage, table } from '../layout';
import { pagination, pageWindow } from '../paging';
import { clientNames } from './work';
import { phaseChoices } from './overview';

export type TrajectoryRow = z.output<typeof trajectorySummary>;

/** A trajectory found by a search, with its client (consultants and providers). */
export type FoundRow = z.output<typeof searchResults>['items'][number];

/** What a search found: at most 100 trajectories, and how many there are in all. */
export interface Found {
  items: FoundRow[];
  total: number;
}

/** A search as sent: by BSN (9 digits) or by name, what was found and how many in all, or why it was refused. */
export interface ClientSearch {
  term?: string;
  found?: Found;
  refused?: Refused;
}

/** What a search term is taken for: a kenmerk (T-5F3C9A2E), a BSN (digits alone), or else a name. */
export type SearchBody = { bsn: string } | { name: string } | { reference: string };
type SearchBy = 'bsn' | 'name' | 'reference';

/** A kenmerk as the e-mails write it; digits alone (spaces and dots aside, as a BSN is often written) a BSN; anything else a name. */
export function searchBody(term: string): SearchBody {
  if (isReference(term)) return { reference: term.trim() };
  return /^[\d\s.]+$/.test(term) ? { bsn: term.replace(/[\s.]/g, '') } : { name: term };
}

const searchByOf = (term: string): SearchBy => {
  const body = searchBody(term);
  return 'bsn' in body ? 'bsn' : 'name' in body ? 'name' : 'reference';
};

/** The words of what a search found, per what it searched by. */
const searchWords: Record<SearchBy, { found: string; caption: string; none: string }> = {
  // One client, the next deadline first.
  bsn: {
    found: 'Met dit BSN',
    caption: 'Trajecten van de cliënt met dit BSN',
    none: 'Geen trajecten van een cliënt met dit BSN.',
  },
  // Several clients, by name.
  name: {
    found: 'Met deze naam',
    caption: 'Gevonden trajecten, op naam van de cliënt',
    none: 'Geen trajecten van een cliënt met deze naam.',
  },
  reference: { found: 'Met dit kenmerk', caption: 'Trajecten met dit kenmerk', none: 'Geen traject met dit kenmerk.' },
};

const countOf = (n: number) => (n === 1 ? '1 traject' : `${n} trajecten`);

/** What the search field takes, said beside it when the API refused the term. */
const termHint = (by: SearchBy) =>
  by === 'bsn'
    ? bsnHint
    : `Vul ten minste 2 letters van de naam in, in hoogstens ${MAX_NAME_SEARCH_WORDS} woorden, een BSN van 9 cijfers of een kenmerk zoals T-5F3C9A2E.`;

/** The phase asked for (`?fase=`), if it is one. */
export function phaseFilterOf(query: Record<string, unknown>): TrajectoryPhase | undefined {
  const phase = query.fase;
  return trajectoryPhases.find((p) => p === phase);
}

/** The line above what a search found: how many, and where the list stops short of them all. */
function foundMessage(by: SearchBy, found: Found): string {
  const shown = found.items.length;
  const cut = found.total > shown ? ` De eerste ${shown} staan hieronder: maak de zoekopdracht preciezer.` : '';
  return `${searchWords[by].found}: ${countOf(found.total)} gevonden.${cut}`;
}

/**
 * A consultant's team's or a provider's own trajectories, the next deadline first: the way to a
 * trajectory that no task or notice points at now (a provider declaring a month's hours, a
 * consultant called by a client). A search by BSN or name lists what it found instead, with each
 * client's date of birth to tell two of one name apart.
 */
export async function trajectoriesPage(
  visit: Visit,
  prisma: PrismaClient,
  phase: TrajectoryPhase | undefined,
  pageNumber = 1,
  search?: ClientSearch,
): Promise<string> {
  const found = search?.found;
  const by = search?.term === undefined ? 'name' : searchByOf(search.term);
  const list: { items: (TrajectoryRow | FoundRow)[]; total: number } =
    found ??
    ((await visit.call('get', '/trajectories', {
      query: { ...(phase && { phase }), ...pageWindow(pageNumber) },
    })) as { items: TrajectoryRow[]; total: number });
  const consultant = visit.actor.role === 'CONSULTANT';
  const [names, providers] = await Promise.all([
    found
      ? new Map(found.items.map((t) => [t.id, t.client?.fullName ?? '']))
      : clientNames(
          prisma,
          list.items.map((t) => t.id),
        ),
    consultant ? providersOf(visit) : Promise.resolve([]),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const born = (t: TrajectoryRow | FoundRow) =>
    'client' in t && t.client ? [html`${dutchDate(t.client.dateOfBirth)}`] : [html``];
  const rows = list.items.map((t) => [
    html`${names.get(t.id) ?? ''}`,
    ...(found ? born(t) : []),
    html`${labelOf(phaseLabels, t.phase)}`,
    ...(consultant ? [html`${providerName.get(t.providerId) ?? ''}`] : []),
    html`${t.indications[0]?.productCode ?? ''}`,
    html`${labelOf(deadlineLabels, t.nextDeadlineKind)}${
      t.nextDeadlineAt ? html`: ${dutchDeadline(new Date(t.nextDeadlineAt))}` : ''
    }`,
    html`<a class="utrecht-link" href="/trajecten/${t.id}">Open traject</a>`,
  ]);
  const headers = [
    'Cliënt',
    ...(found ? ['Geboortedatum'] : []),
    'Fase',
    ...(consultant ? ['Zorgaanbieder'] : []),
    'Product',
    'Volgende termijn',
    'Traject',
  ];
  const refused = search?.refused ?? { errors: {} };
  const termField = textField({
    name: 'zoekterm',
    label: 'Naam, BSN of kenmerk',
    value: search?.term,
    errors: refused.errors,
    required: true,
    description: '(Een deel van) de naam, het BSN van 9 cijfers, of het kenmerk uit een e-mail (zoals T-5F3C9A2E)',
    invalid: termHint(by),
  });
  const caption = found
    ? searchWords[by].caption
    : consultant
      ? 'Trajecten van uw team, de eerstvolgende termijn eerst'
      : 'Uw trajecten, de eerstvolgende termijn eerst';
  return page(
    'Trajecten',
    html`<h2 class="utrecht-heading-2">Zoek een cliënt</h2>
      ${errorSummary(refused.summary, refused.errors, termField)}
      <form method="post" action="/trajecten/zoeken" class="filters" novalidate>
        ${termField} ${submit('Zoeken', visit.viewer.csrf)}
      </form>
      <h2 class="utrecht-heading-2">${found ? 'Gevonden' : 'Alle trajecten'}</h2>
      <form method="get" action="/trajecten" class="filters">
        ${selectField({
          name: 'fase',
          label: 'Fase',
          value: phase,
          errors: {},
          options: phaseChoices,
        })}
        <p><button class="utrecht-button utrecht-button--primary-action" type="submit">Toon</button></p>
      </form>
      ${statusMessage(found && foundMessage(by, found))}
      ${found ? '' : html`<p class="utrecht-paragraph">${countOf(list.total)}</p>`}
      ${table(caption, headers, rows, found ? searchWords[by].none : 'Geen trajecten.')}
      ${found ? '' : pagination('/trajecten', phase ? { fase: phase } : {}, pageNumber, list.total)}`,
    visit.viewer,
  );
}
