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

/**
 * What each role can receive by e-mail besides the inbox: a consultant the team's notices, a task
 * given to them and the daily overview; a provider's people a task given to them (the organisation's
 * notices and its daily overview go to its contact addresses).
 */
const kindsByMail: Record<'CONSULTANT' | 'PROVIDER', NotificationKind[]> = {
  CONSULTANT: [...noticeKinds.filter((k) => noticeRecipients[k] === 'CONSULTANT'), 'TASK_ASSIGNED', 'DAILY_DIGEST'],
  PROVIDER: ['TASK_ASSIGNED'],
};

const noticeModes: [NotificationMode, string][] = [
  ['IMMEDIATE', 'Direct per e-mail'],
  ['DIGEST', 'Verzameld in het dagoverzicht'],
  ['INBOX_ONLY', 'Alleen in de inbox'],
];
const digestModes: [NotificationMode, string][] = [
  ['IMMEDIATE', 'Per e-mail, elke werkdag'],
  ['INBOX_ONLY', 'Alleen in de inbox'],
];
const withoutDigest = noticeModes.filter(([mode]) => mode !== 'DIGEST');

const modesOf = (role: 'CONSULTANT' | 'PROVIDER', kind: NotificationKind) =>
  kind === 'DAILY_DIGEST' ? digestModes : role === 'PROVIDER' ? withoutDigest : noticeModes;

/** The page's role: consultants and providers have one (operations receive no notices). */
const roleOf = (visit: Visit): 'CONSULTANT' | 'PROVIDER' =>
  visit.actor.role === 'PROVIDER' ? 'PROVIDER' : 'CONSULTANT';

/** The form's choices as the use case takes them: one mode per kind on the page. */
export function preferencesBody(visit: Visit, values: FormValues) {
  return { preferences: kindsByMail[roleOf(visit)].map((kind) => ({ kind, mode: values[kind] ?? '' })) };
}

/** A person's choice per kind: e-mailed at once, gathered in the daily overview (consultants), or only in the inbox. */
export async function preferencesPage(visit: Visit, saved = false, resent?: { values: FormValues; refused: Refused }) {
  const { preferences } = (await visit.call('get', '/me/notification-preferences')) as z.output<
    typeof notificationPreferences
  >;
  const current = new Map(preferences.map((p): [string, string] => [p.kind, p.mode]));
  const role = roleOf(visit);
  const choices = html`${kindsByMail[role].map((kind) =>
    radioGroup({
      name: kind,
      legend: labelOf(notificationLabels, kind),
      value: resent?.values[kind] ?? current.get(kind),
      options: modesOf(role, kind),
    }),
  )}`;
  const explained =
    role === 'PROVIDER'
      ? 'Meldingen voor uw organisatie gaan naar haar contactadressen en staan in de inbox (Meldingen); het dagoverzicht van de open taken van uw organisatie gaat ook naar die adressen. Een taak die een collega u geeft, krijgt u zelf: kies of u er ook een e-mail over krijgt.'
      : 'Elke melding staat altijd in uw inbox (Meldingen). Kies per soort of u er ook een e-mail over krijgt. Wat u verzamelt in het dagoverzicht, krijgt u met dat overzicht.';
  return page(
    'E-mailinstellingen',
    html`${statusMessage(saved ? 'Uw keuzes zijn opgeslagen.' : undefined)}
      ${errorSummary(resent?.refused.summary, {}, choices)}
      <p class="utrecht-paragraph">${explained}</p>
      <form method="post" action="/instellingen" novalidate>${choices} ${submit('Opslaan', visit.viewer.csrf)}</form>`,
    visit.viewer,
  );
}
