import type { z } from 'zod';
import type { notificationPreferences } from '../../api/responses';
import { labelOf, notificationLabels } from '../../domain/labels';
import {
  noticeKinds,
  noticeRecipients,
  type NotificationKind,
  type NotificationMode,
} from '../../domain/notifications';
import type { Visit } from '../context';
import { errorSummary, radioGroup, submit, type FormValues, type Refused } from '../forms';
import { html } from '../html';
import { page, statusMessage } from '../layout';

/** What a consultant can receive by e-mail besides the inbox: the team's notices, a task given to them, and the daily overview. */
const kindsByMail: NotificationKind[] = [
  ...noticeKinds.filter((k) => noticeRecipients[k] === 'CONSULTANT'),
  'TASK_ASSIGNED',
  'DAILY_DIGEST',
];

const noticeModes: [NotificationMode, string][] = [
  ['IMMEDIATE', 'Direct per e-mail'],
  ['DIGEST', 'Verzameld in het dagoverzicht'],
  ['INBOX_ONLY', 'Alleen in de inbox'],
];
const digestModes: [NotificationMode, string][] = [
  ['IMMEDIATE', 'Per e-mail, elke werkdag'],
  ['INBOX_ONLY', 'Alleen in de inbox'],
];

const modesOf = (kind: NotificationKind) => (kind === 'DAILY_DIGEST' ? digestModes : noticeModes);

/** The form's choices as the use case takes them: one mode per kind on the page. */
export function preferencesBody(values: FormValues) {
  return { preferences: kindsByMail.map((kind) => ({ kind, mode: values[kind] ?? '' })) };
}

/** A consultant's choice per kind: e-mailed at once, gathered in the daily overview, or only in the inbox. */
export async function preferencesPage(visit: Visit, saved = false, resent?: { values: FormValues; refused: Refused }) {
  const { preferences } = (await visit.call('get', '/me/notification-preferences')) as z.output<
    typeof notificationPreferences
  >;
  const current = new Map(preferences.map((p): [string, string] => [p.kind, p.mode]));
  const choices = html`${kindsByMail.map((kind) =>
    radioGroup({
      name: kind,
      legend: labelOf(notificationLabels, kind),
      value: resent?.values[kind] ?? current.get(kind),
      options: modesOf(kind),
    }),
  )}`;
  return page(
    'E-mailinstellingen',
    html`${statusMessage(saved ? 'Uw keuzes zijn opgeslagen.' : undefined)}
      ${errorSummary(resent?.refused.summary, {}, choices)}
      <p class="utrecht-paragraph">
        Elke melding staat altijd in uw inbox (Meldingen). Kies per soort of u er ook een e-mail over krijgt. Wat u
        verzamelt in het dagoverzicht, krijgt u met dat overzicht.
      </p>
      <form method="post" action="/instellingen" novalidate>${choices} ${submit('Opslaan', visit.viewer.csrf)}</form>`,
    visit.viewer,
  );
}
