import type { PrismaClient } from '../../prisma/client';
import type { z } from 'zod';
import type { trajectorySummary } from '../../api/responses';
import { trajectoryPhases, type TrajectoryPhase } from '../../domain/lifecycle';
import { dutchDeadline } from '../../domain/dutch-dates';
import { deadlineLabels, labelOf, phaseLabels } from '../../domain/labels';
import { providersOf, type Visit } from '../context';
import { bsnHint, errorSummary, selectField, submit, textField, type Refused } from '../forms';
import { html } from '../html';
import { page, statusMessage, table } from '../layout';
import { pagination, pageWindow } from '../paging';
import { clientNames } from './work';
import { phaseChoices } from './overview';

export type TrajectoryRow = z.output<typeof trajectorySummary>;

/** A search by BSN as sent: what was found, or why the BSN was refused. */
export interface BsnSearch {
  bsn?: string;
  found?: TrajectoryRow[];
  refused?: Refused;
}

const countOf = (n: number) => (n === 1 ? '1 traject' : `${n} trajecten`);

/** The phase asked for (`?fase=`), if it is one. */
export function phaseFilterOf(query: Record<string, unknown>): TrajectoryPhase | undefined {
  const phase = query.fase;
  return trajectoryPhases.find((p) => p === phase);
}

/**
 * A consultant's team's or a provider's own trajectories, the next deadline first: the way to a
 * trajectory that no task or notice points at now (a provider declaring a month's hours, a
 * consultant called by a client).
 */
export async function trajectoriesPage(
  visit: Visit,
  prisma: PrismaClient,
  phase: TrajectoryPhase | undefined,
  pageNumber = 1,
  search?: BsnSearch,
): Promise<string> {
  const list = search?.found
    ? { items: search.found, total: search.found.length }
    : ((await visit.call('get', '/trajectories', {
        query: { ...(phase && { phase }), ...pageWindow(pageNumber) },
      })) as { items: TrajectoryRow[]; total: number });
  const consultant = visit.actor.role === 'CONSULTANT';
  const [names, providers] = await Promise.all([
    clientNames(
      prisma,
      list.items.map((t) => t.id),
    ),
    consultant ? providersOf(visit) : Promise.resolve([]),
  ]);
  const providerName = new Map(providers.map((p) => [p.id, p.name]));
  const rows = list.items.map((t) => [
    html`${names.get(t.id) ?? ''}`,
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
    'Fase',
    ...(consultant ? ['Zorgaanbieder'] : []),
    'Product',
    'Volgende termijn',
    'Traject',
  ];
  const refused = search?.refused ?? { errors: {} };
  const bsnField = textField({
    name: 'bsn',
    label: 'BSN',
    value: search?.bsn,
    errors: refused.errors,
    required: true,
    description: '9 cijfers',
    invalid: bsnHint,
  });
  const caption = search?.found
    ? 'Trajecten van de cliënt met dit BSN'
    : consultant
      ? 'Trajecten van uw team, de eerstvolgende termijn eerst'
      : 'Uw trajecten, de eerstvolgende termijn eerst';
  return page(
    'Trajecten',
    html`<h2 class="utrecht-heading-2">Zoek een cliënt op BSN</h2>
      ${errorSummary(refused.summary, refused.errors, bsnField)}
      <form method="post" action="/trajecten/zoeken" class="filters" novalidate>
        ${bsnField} ${submit('Zoek op BSN', visit.viewer.csrf)}
      </form>
      <h2 class="utrecht-heading-2">${search?.found ? 'Gevonden' : 'Alle trajecten'}</h2>
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
      ${statusMessage(search?.found && `Met dit BSN: ${countOf(list.total)} gevonden.`)}
      ${search?.found ? '' : html`<p class="utrecht-paragraph">${countOf(list.total)}</p>`}
      ${table(caption, headers, rows, search?.found ? 'Geen trajecten van een cliënt met dit BSN.' : 'Geen trajecten.')}
      ${search?.found ? '' : pagination('/trajecten', phase ? { fase: phase } : {}, pageNumber, list.total)}`,
    visit.viewer,
  );
}
