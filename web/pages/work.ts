import type { PrismaClient } from '../../prisma/client';
import type { z } from 'zod';
import type { tasks } from '../../api/responses';
import { dutchDate, dutchDeadline } from '../../domain/dutch-dates';
import { taskTiming } from '../../domain/deadlines';
import { isTaskKind } from '../../domain/lifecycle';
import { taskTexts } from '../../domain/labels';
import type { Visit } from '../context';
import { html } from '../html';
import { page, table } from '../layout';
import { pagination, pageWindow } from '../paging';

export type TaskRow = z.output<typeof tasks>['items'][number];

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

/** The open tasks of the consultant's team or the provider's organisation: overdue first, then by due date. */
export async function workListPage(visit: Visit, prisma: PrismaClient, pageNumber = 1): Promise<string> {
  const { items, total } = (await visit.call('get', '/tasks', { query: pageWindow(pageNumber) })) as {
    items: TaskRow[];
    total: number;
  };
  const names = await clientNames(
    prisma,
    items.map((t) => t.trajectoryId),
  );
  const rows = items.map((t) => [
    html`${taskLabel(t.kind)}`,
    taskDue(t),
    html`${names.get(t.trajectoryId) ?? ''}`,
    html`<a class="utrecht-link" href="/trajecten/${t.trajectoryId}">Open traject</a>`,
  ]);
  return page(
    'Werkvoorraad',
    html`${table(`Open taken van uw ${visit.actor.role === 'PROVIDER' ? 'organisatie' : 'team'}, de oudste eerst`, ['Taak', 'Uiterlijk', 'Cliënt', 'Traject'], rows, 'Geen open taken.')}
    ${pagination('/werkvoorraad', {}, pageNumber, total)}`,
    visit.viewer,
  );
}
