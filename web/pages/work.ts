import type { PrismaClient } from '../../prisma/client';
import type { z } from 'zod';
import type { colleagues, tasks } from '../../api/responses';
import { dutchDate, dutchDeadline } from '../../domain/dutch-dates';
import { taskTiming } from '../../domain/deadlines';
import { isTaskKind } from '../../domain/lifecycle';
import { taskTexts } from '../../domain/labels';
import type { Visit } from '../context';
import { html } from '../html';
import { page, statusMessage, table } from '../layout';
import { csrfField } from '../session';
import { pagination, pageWindow } from '../paging';

export type TaskRow = z.output<typeof tasks>['items'][number];
type Colleague = z.output<typeof colleagues>['items'][number];

export const taskLabel = (kind: string) => (isTaskKind(kind) ? taskTexts[kind].label : kind);

/** The last day, marked when it has passed; a task raised at its own moment is to be done at once. */
export function taskDue(t: TaskRow, now = new Date()) {
  const task = { dueAt: new Date(t.dueAt), createdAt: new Date(t.createdAt) };
  switch (taskTiming(task, now)) {
    case 'AT_ONCE':
      return html`<span class="overdue">zo snel mogelijk</span> (sinds ${dutchDate(task.createdAt)})`;
    case 'LATE':
      return html`<span class="overdue">te laat: </span>${dutchDeadline(task.dueAt)}`;
    case 'AHEAD':
      return html`${dutchDeadline(task.dueAt)}`;
  }
}

/** Client names of the trajectories on a page, for the people whose scope includes them. */
export async function clientNames(prisma: PrismaClient, trajectoryIds: string[]): Promise<Map<string, string>> {
  const rows = await prisma.trajectory.findMany({
    where: { id: { in: trajectoryIds } },
    select: { id: true, client: { select: { identity: { select: { fullName: true } } } } },
  });
  return new Map(rows.map((r) => [r.id, r.client.identity?.fullName ?? '']));
}

/** Which open tasks the work list shows (`?wie=`): all, those the person picked up, or those nobody did. */
export const workListFilters = {
  alle: 'Alle open taken',
  mij: 'Door mij opgepakt',
  niemand: 'Nog niet opgepakt',
} as const;
export type WorkListFilter = keyof typeof workListFilters;
const assigneeQuery: Record<WorkListFilter, 'me' | 'nobody' | undefined> = {
  alle: undefined,
  mij: 'me',
  niemand: 'nobody',
};

/** What was just done with a task on the work list (`?taak=`). */
export const assignments = {
  opgepakt: 'U hebt de taak opgepakt.',
  vrijgegeven: 'De taak is vrijgegeven.',
  toegewezen: 'De taak is toegewezen.',
  'al-afgerond': 'Deze taak was al afgerond.',
  'niet-toegewezen': 'Deze persoon hoort niet (meer) bij uw team of organisatie: de taak is niet toegewezen.',
} as const;
export type Assignment = keyof typeof assignments;

/** The work list's address with its filter and page, for the links and for coming back after a button. */
export const workListUrl = (filter: WorkListFilter, pageNumber = 1) => {
  const query = new URLSearchParams({
    ...(filter !== 'alle' && { wie: filter }),
    ...(pageNumber > 1 && { pagina: String(pageNumber) }),
  }).toString();
  return `/werkvoorraad${query ? `?${query}` : ''}`;
};

/** Pick up a task nobody (or a colleague) has, or give one's own back; the button names the task and the client. */
function assignButton(visit: Visit, t: TaskRow, client: string, back: string) {
  const mine = t.assignee?.id === visit.actor.id;
  const label = mine ? 'Vrijgeven' : 'Oppakken';
  return html`<form class="inline-form" method="post" action="/werkvoorraad/${t.id}/${mine ? 'vrijgeven' : 'oppakken'}">
    ${csrfField(visit.viewer.csrf)}
    <input type="hidden" name="terug" value="${back}" />
    <button
      class="utrecht-button utrecht-button--secondary-action"
      type="submit"
      aria-label="${label}: ${taskLabel(t.kind)} ${client}"
    >
      ${label}
    </button>
  </form>`;
}

/** Give a task to a colleague of the team or organisation other than the one who has it; the label names the task. */
function giveForm(visit: Visit, t: TaskRow, client: string, back: string, people: Colleague[]) {
  const others = people.filter((p) => p.id !== visit.actor.id && p.id !== t.assignee?.id);
  if (others.length === 0) return html``;
  const which = `${taskLabel(t.kind)} ${client}`;
  const field = `toewijzen-${t.id}`;
  return html`<form class="assign-form" method="post" action="/werkvoorraad/${t.id}/toewijzen">
    ${csrfField(visit.viewer.csrf)}
    <input type="hidden" name="terug" value="${back}" />
    <label class="utrecht-form-label" for="${field}"
      >Toewijzen aan<span class="visually-hidden">: ${which}</span></label
    >
    <select class="utrecht-select utrecht-select--html-select" id="${field}" name="userId">
      ${others.map((p) => html`<option value="${p.id}">${p.name}</option>`)}
    </select>
    <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label="Toewijzen: ${which}">
      Toewijzen
    </button>
  </form>`;
}

const filterLinks = (current: WorkListFilter) =>
  html`<nav aria-label="Welke taken">
    <ul class="filter-links">
      ${Object.entries(workListFilters).map(
        ([key, label]) =>
          html`<li>
            <a
              class="utrecht-link"
              href="${workListUrl(key as WorkListFilter)}"
              ${key === current ? html` aria-current="page"` : ''}
              >${label}</a
            >
          </li>`,
      )}
    </ul>
  </nav>`;

/**
 * The open tasks of the consultant's team or the provider's organisation, overdue first, then by due
 * date; each can be picked up (opgepakt) so that colleagues see who is on it, or given to a colleague.
 */
export async function workListPage(
  visit: Visit,
  prisma: PrismaClient,
  pageNumber = 1,
  filter: WorkListFilter = 'alle',
  said?: Assignment,
): Promise<string> {
  const assignee = assigneeQuery[filter];
  const { items, total } = (await visit.call('get', '/tasks', {
    query: { ...pageWindow(pageNumber), ...(assignee && { assignee }) },
  })) as { items: TaskRow[]; total: number };
  const [names, people] = await Promise.all([
    clientNames(
      prisma,
      items.map((t) => t.trajectoryId),
    ),
    visit.call('get', '/me/colleagues') as Promise<z.output<typeof colleagues>>,
  ]);
  const back = workListUrl(filter, pageNumber);
  const rows = items.map((t) => {
    const client = names.get(t.trajectoryId) ?? '';
    return [
      html`${taskLabel(t.kind)}`,
      taskDue(t),
      html`${client}`,
      html`${t.assignee ? `${t.assignee.name}${t.assignee.id === visit.actor.id ? ' (u)' : ''}` : 'niemand'}`,
      html`${assignButton(visit, t, client, back)} ${giveForm(visit, t, client, back, people.items)}`,
      html`<a class="utrecht-link" href="/trajecten/${t.trajectoryId}">Open traject</a>`,
    ];
  });
  const whose = visit.actor.role === 'PROVIDER' ? 'organisatie' : 'team';
  return page(
    'Werkvoorraad',
    html`${statusMessage(said && assignments[said], said === 'niet-toegewezen' ? 'warning' : 'info')}
    ${filterLinks(filter)}
    ${table(`Open taken van uw ${whose}, de oudste eerst`, ['Taak', 'Uiterlijk', 'Cliënt', 'Opgepakt door', 'Actie', 'Traject'], rows, 'Geen open taken.')}
    ${pagination('/werkvoorraad', filter === 'alle' ? {} : { wie: filter }, pageNumber, total)}`,
    visit.viewer,
  );
}
