import { dutchDate, dutchDeadlineWithWeekday } from '../../domain/dutch-dates';
import type { z } from 'zod';
import type { deadlines, inbox } from '../../api/responses';
import {
  deadlineLabels,
  labelOf,
  noticeSubject,
  notificationLabels,
  phaseLabels,
  taskTexts,
} from '../../domain/labels';
import { isTaskKind } from '../../domain/lifecycle';
import type { Visit } from '../context';
import { html } from '../html';
import { page, table } from '../layout';
import { pagination, pageWindow } from '../paging';
import { csrfField } from '../session';

type NotificationRow = z.output<typeof inbox>['items'][number];

/** The deadline a notification names (its payload holds ids and dates only), as a Dutch date. */
function dueAtOf(payload: unknown): string {
  const dueAt = (payload as { dueAt?: unknown } | null)?.dueAt;
  return typeof dueAt === 'string' ? dutchDeadlineWithWeekday(new Date(dueAt)) : '';
}

/** What a notification is about: its kind, for a task given to the reader which task, for a decision what was decided. */
function subjectOf(n: NotificationRow): string {
  const taskKind = (n.payload as { taskKind?: unknown } | null)?.taskKind;
  return n.kind === 'TASK_ASSIGNED' && typeof taskKind === 'string' && isTaskKind(taskKind)
    ? `${labelOf(notificationLabels, n.kind)}: ${taskTexts[taskKind].label}`
    : noticeSubject(n.kind, n.payload);
}

/** The own inbox: newest first, unread marked, each one can be marked read. */
export async function inboxPage(visit: Visit, pageNumber = 1): Promise<string> {
  const inbox = (await visit.call('get', '/notifications', { query: pageWindow(pageNumber) })) as {
    items: NotificationRow[];
    total: number;
    unread: number;
  };
  const rows = inbox.items.map((n) => [
    html`${n.readAt ? '' : html`<strong>Nieuw: </strong>`}${subjectOf(n)}`,
    html`${dueAtOf(n.payload)}`,
    html`${dutchDate(new Date(n.createdAt))}`,
    html`${n.trajectoryId ? html`<a class="utrecht-link" href="/trajecten/${n.trajectoryId}">Open traject</a>` : ''}`,
    n.readAt
      ? html`Gelezen`
      : html`<form class="inline-form" method="post" action="/meldingen/${n.id}/gelezen">
          ${csrfField(visit.viewer.csrf)}
          <button
            class="utrecht-button utrecht-button--subtle"
            type="submit"
            aria-label="Markeer als gelezen: ${subjectOf(n)}, ontvangen ${dutchDate(new Date(n.createdAt))}"
          >
            Markeer als gelezen
          </button>
        </form>`,
  ]);
  return page(
    'Meldingen',
    html`<p class="utrecht-paragraph">
        ${inbox.unread === 1 ? '1 ongelezen melding' : `${inbox.unread} ongelezen meldingen`}
      </p>
      ${table('Uw meldingen, de nieuwste eerst', ['Melding', 'Uiterlijk', 'Ontvangen', 'Traject', 'Status'], rows, 'Geen meldingen.')}
      ${pagination('/meldingen', {}, pageNumber, inbox.total)}`,
    visit.viewer,
  );
}

type DeadlineRow = z.output<typeof deadlines>['items'][number];

/** What is due for the provider's clients in the coming weeks, soonest first. */
export async function deadlinesPage(visit: Visit, pageNumber = 1): Promise<string> {
  const { items, total } = (await visit.call('get', '/deadlines', {
    query: { ...pageWindow(pageNumber), withinDays: '60' },
  })) as {
    items: DeadlineRow[];
    total: number;
  };
  const rows = items.map((d) => [
    html`${labelOf(deadlineLabels, d.kind)}`,
    html`${d.dueAt ? dutchDeadlineWithWeekday(new Date(d.dueAt)) : ''}`,
    html`${d.reminderAt ? dutchDate(new Date(d.reminderAt)) : ''}`,
    html`${labelOf(phaseLabels, d.phase)}`,
    html`<a class="utrecht-link" href="/trajecten/${d.trajectoryId}">Open traject</a>`,
  ]);
  return page(
    'Termijnen',
    html`${table('Termijnen in de komende 60 dagen', ['Wat', 'Uiterlijk', 'Herinnering', 'Fase', 'Traject'], rows, 'Geen termijnen in de komende 60 dagen.')}
    ${pagination('/termijnen', {}, pageNumber, total)}`,
    visit.viewer,
  );
}
