import type { z } from 'zod';
import type {
  deliveries,
  everyProviderNotificationSettings,
  providerNotificationSettings,
  teamMailboxes,
  webhookTest,
} from '../../api/operations-responses';
import { newWebhookSecret } from '../../activities/delivery/webhook';
import { dutchDateTime } from '../../domain/dutch-dates';
import { labelOf, notificationLabels } from '../../domain/labels';
import type { Visit } from '../context';
import { checkbox, errorSummary, submit, textArea, textField, type FormValues, type Refused } from '../forms';
import { html, type Html } from '../html';
import { page, statusMessage, table } from '../layout';
import { pagination, pageWindow } from '../paging';
import { csrfField } from '../session';

type DeliveryRow = z.output<typeof deliveries>['items'][number];
type Settings = z.output<typeof providerNotificationSettings>;
type Team = z.output<typeof teamMailboxes>['items'][number];

/** What a form on these pages did, said once on the page it leads back to (`?bericht=`). */
export const deliveryMessages = {
  opnieuw: 'De bezorging wordt opnieuw verstuurd.',
  'nieuw-adres': 'De bezorging wordt opnieuw verstuurd, naar het adres dat nu is ingesteld.',
  'al-verstuurd': 'Deze bezorging was al opnieuw verstuurd of afgesloten, of is intussen gelukt.',
  'geen-ontvanger':
    'Deze bezorging is niet opnieuw verstuurd: het adres krijgt deze melding niet meer. Het is bij de zorgaanbieder of het team verwijderd, of de consulent zit niet meer in het team of leest dit soort meldingen alleen in de applicatie. De melding staat wel in de applicatie. Staat de bezorging bij de mislukte, dan haalt u haar daar weg met "Niet meer versturen".',
  afgesloten: 'De bezorging is afgesloten zonder haar te versturen.',
  'al-gepland': 'Deze bezorging is niet opnieuw verstuurd: de melding gaat al naar het adres dat nu is ingesteld.',
  aanbieder: 'De adressen van de zorgaanbieder zijn opgeslagen.',
  mailbox: 'De teammailbox is opgeslagen.',
} as const;
export type DeliveryMessage = keyof typeof deliveryMessages;

const channelLabels: Record<string, string> = { EMAIL: 'E-mail', WEBHOOK: 'Webhook' };

/**
 * Send it again, or close it without sending (its address was removed, the notice is of no use any
 * more). Each button's name says which delivery, for a screen reader's list of buttons.
 */
function deliveryActions(visit: Visit, d: DeliveryRow): Html {
  const which = `${labelOf(notificationLabels, d.notification.kind)} aan ${d.address}`;
  const action = (path: string, label: string) =>
    html`<form class="inline-form" method="post" action="/bezorging/${d.id}/${path}">
      ${csrfField(visit.viewer.csrf)}
      <button class="utrecht-button utrecht-button--secondary-action" type="submit" aria-label="${label}: ${which}">
        ${label}
      </button>
    </form>`;
  if (d.state === 'DISMISSED')
    return d.notification.kind === 'DAILY_DIGEST'
      ? html`Overzicht van een voorbije dag: niet meer te versturen`
      : action('opnieuw', 'Toch versturen');
  return html`${action('opnieuw', 'Opnieuw versturen')} ${action('afsluiten', 'Niet meer versturen')}`;
}

/** The deliveries that gave up after their last attempt, newest first; each can be sent again or closed. */
async function failedDeliveries(visit: Visit, pageNumber: number): Promise<Html> {
  const { items, total } = (await visit.call('get', '/deliveries', {
    query: { ...pageWindow(pageNumber), state: 'DEAD' },
  })) as z.output<typeof deliveries>;
  const rows = items.map((d) => [
    html`${labelOf(notificationLabels, d.notification.kind)}`,
    html`${channelLabels[d.channel] ?? d.channel}`,
    html`${d.address}`,
    html`${d.attempts}`,
    // The channel's own words (an SMTP or HTTP answer), in the language it gave them.
    html`<span lang="en">${d.lastError ?? ''}</span>`,
    html`${dutchDateTime(new Date(d.updatedAt))}`,
    deliveryActions(visit, d),
  ]);
  return html`<h2 class="utrecht-heading-2">Mislukte bezorgingen</h2>
    <p class="utrecht-paragraph">
      Meldingen die na de laatste poging niet zijn bezorgd. Verstuur ze opnieuw als de oorzaak is verholpen, of sluit ze
      af als ze niet meer verstuurd moeten worden (de meldingen blijven in de applicatie staan).
    </p>
    ${table(
      'Mislukte bezorgingen, de laatste eerst',
      ['Melding', 'Kanaal', 'Adres', 'Pogingen', 'Laatste fout', 'Bijgewerkt', 'Actie'],
      rows,
      'Er zijn geen mislukte bezorgingen.',
    )}
    ${pagination('/bezorging', {}, pageNumber, total)}`;
}

/** How many deliveries closed without sending the page lists: the latest, for one closed by mistake. */
const CLOSED_SHOWN = 10;

/** The deliveries closed without sending, the latest first: one closed by mistake can still be sent. */
async function closedDeliveries(visit: Visit): Promise<Html> {
  const { items, total } = (await visit.call('get', '/deliveries', {
    query: { limit: CLOSED_SHOWN, offset: 0, state: 'DISMISSED' },
  })) as z.output<typeof deliveries>;
  const rows = items.map((d) => [
    html`${labelOf(notificationLabels, d.notification.kind)}`,
    html`${channelLabels[d.channel] ?? d.channel}`,
    html`${d.address}`,
    html`${dutchDateTime(new Date(d.updatedAt))}`,
    deliveryActions(visit, d),
  ]);
  return html`<h3 class="utrecht-heading-3">Afgesloten zonder verzenden</h3>
    <p class="utrecht-paragraph">
      ${total > CLOSED_SHOWN ? `De ${CLOSED_SHOWN} laatste van ${total}. ` : ''}Is er een per vergissing afgesloten,
      verstuur haar dan alsnog.
    </p>
    ${table(
      'Afgesloten zonder verzenden, de laatste eerst',
      ['Melding', 'Kanaal', 'Adres', 'Afgesloten', 'Actie'],
      rows,
      'Er zijn geen bezorgingen afgesloten zonder verzenden.',
    )}`;
}

function teamMailboxForm(visit: Visit, team: Team, resent?: { values: FormValues; refused: Refused }): Html {
  const errors = resent?.refused.errors ?? {};
  const field = textField({
    form: team.id,
    name: 'mailbox',
    label: `Gedeelde mailbox van ${team.name} (${team.municipality})`,
    value: resent ? resent.values.mailbox : (team.mailbox ?? ''),
    description: 'Leeg laten: geen gedeelde mailbox.',
    invalid: 'Vul een e-mailadres in, zoals wmo-team@gemeente.nl, of laat het veld leeg.',
    errors,
  });
  return html`<form method="post" action="/bezorging/teams/${team.id}" novalidate>
    ${errorSummary(resent?.refused.summary, errors, field, team.id)} ${field}
    ${submit('Mailbox opslaan', visit.viewer.csrf)}
  </form>`;
}

/** Where each provider's notices go; one without any address hears of them only in its inbox. */
async function providerTable(visit: Visit): Promise<Html> {
  const list = (
    (await visit.call('get', '/providers/notification-settings')) as z.output<typeof everyProviderNotificationSettings>
  ).items;
  const rows = list.map(({ contactEmails, webhookUrl, providerId, name }) => {
    const nowhere = contactEmails.length === 0 && !webhookUrl;
    return [
      html`${name}`,
      nowhere
        ? html`<strong>Geen: meldingen alleen in de inbox</strong>`
        : html`${contactEmails.length === 1 ? '1 adres' : `${contactEmails.length} adressen`}`,
      html`${webhookUrl ? 'Ja' : 'Nee'}`,
      html`<a class="utrecht-link" href="/bezorging/aanbieders/${providerId}">Adressen van ${name}</a>`,
    ];
  });
  return table(
    'Waar de meldingen aan elke zorgaanbieder heen gaan',
    ['Zorgaanbieder', 'Contactadressen', 'Webhook', 'Wijzigen'],
    rows,
    'Er zijn geen zorgaanbieders.',
  );
}

/**
 * Operations: deliveries that failed, where each provider's notices go (contact addresses and
 * webhook) and each consultant team's shared mailbox.
 */
export async function deliveryPage(
  visit: Visit,
  pageNumber = 1,
  said?: DeliveryMessage,
  resentTeam?: { teamId: string; values: FormValues; refused: Refused },
): Promise<string> {
  const [failed, closed, providerRows, teams] = await Promise.all([
    failedDeliveries(visit, pageNumber),
    closedDeliveries(visit),
    providerTable(visit),
    visit.call('get', '/teams') as Promise<z.output<typeof teamMailboxes>>,
  ]);
  return page(
    'Bezorging van meldingen',
    html`${statusMessage(said && deliveryMessages[said])} ${failed} ${closed}
      <h2 class="utrecht-heading-2">Zorgaanbieders</h2>
      ${providerRows}
      <h2 class="utrecht-heading-2">Teammailboxen</h2>
      ${teams.items.map((t) => teamMailboxForm(visit, t, resentTeam?.teamId === t.id ? resentTeam : undefined))}`,
    visit.viewer,
  );
}

/** The form's fields as the use case takes them: one address per line; an empty webhook removes it. */
export function providerSettingsBody(values: FormValues) {
  const contactEmails = (values.contactEmails ?? '')
    .split(/[\s,;]+/)
    .map((a) => a.trim())
    .filter(Boolean);
  const webhookUrl = values.webhookUrl ? values.webhookUrl : null;
  return {
    contactEmails,
    webhookUrl,
    ...(webhookUrl && values.newSecret === 'ja' && { webhookSecret: newWebhookSecret() }),
  };
}

/** A refusal names `contactEmails.2`: shown at the one field that holds them all. */
export function atProviderFields(refused: Refused): Refused {
  const errors = Object.fromEntries(
    Object.entries(refused.errors).map(([field, message]) => [
      field.replace(/^contactEmails\.\d+$/, 'contactEmails'),
      message,
    ]),
  );
  return { ...refused, errors };
}

export type WebhookTest = z.output<typeof webhookTest>;

/** What a webhook test found, in Dutch; the channel's own words (an HTTP or network error) as it gave them. */
function webhookTestMessage(test: WebhookTest | undefined, providerName: string): Html {
  if (!test) return html``;
  if (test.delivered)
    return statusMessage(
      `Het testbericht is aangekomen: het systeem van ${providerName} antwoordde met ${test.status}.`,
    );
  return statusMessage(
    html`Het testbericht is niet aangekomen. Controleer het webhook-adres en of de zorgaanbieder het geheim heeft.
      Foutmelding: <span lang="en">${test.error}</span>`,
    'warning',
  );
}

/** A signed test message to the webhook as it is saved (type WEBHOOK_TEST), so a new address can be checked. */
function webhookTestForm(visit: Visit, providerId: string): Html {
  return html`<form method="post" action="/bezorging/aanbieders/${providerId}/webhook-test">
    <p class="utrecht-paragraph">
      Stuur een ondertekend testbericht naar het opgeslagen webhook-adres om te controleren of het aankomt.
    </p>
    ${submit('Webhook testen', visit.viewer.csrf)}
  </form>`;
}

/** One provider's addresses: contact e-mail addresses and the webhook, with a new secret on request. */
export async function providerSettingsPage(
  visit: Visit,
  providerId: string,
  resent?: { values: FormValues; refused: Refused },
  test?: WebhookTest,
): Promise<string> {
  const settings = (await visit.call('get', '/providers/{providerId}/notification-settings', {
    params: { providerId },
  })) as Settings;
  const { name } = settings;
  const errors = resent?.refused.errors ?? {};
  const values = resent?.values ?? {
    contactEmails: settings.contactEmails.join('\n'),
    webhookUrl: settings.webhookUrl ?? '',
  };
  const fields = html`${textArea({
    name: 'contactEmails',
    label: 'Contactadressen',
    description: 'Eén e-mailadres per regel; elk adres krijgt de meldingen aan deze zorgaanbieder.',
    value: values.contactEmails,
    invalid: 'Zet op elke regel één e-mailadres, zoals planning@aanbieder.nl (hoogstens 10).',
    errors,
  })}
  ${textField({
    name: 'webhookUrl',
    label: 'Webhook-adres',
    description: settings.webhookSecretSet
      ? 'Het systeem van de zorgaanbieder (https://…). Er is een geheim ingesteld. Leeg laten: geen webhook.'
      : 'Het systeem van de zorgaanbieder (https://…). Bij een nieuw adres wordt een geheim gemaakt. Leeg laten: geen webhook.',
    value: values.webhookUrl,
    invalid: 'Vul een volledig webadres in, zoals https://aanbieder.nl/wmo-meldingen, of laat het veld leeg.',
    errors,
  })}
  ${
    settings.webhookSecretSet
      ? checkbox({ name: 'newSecret', label: 'Maak een nieuw geheim voor de webhook', value: values.newSecret })
      : ''
  }`;
  return page(
    `Adressen van ${name}`,
    html`${webhookTestMessage(test, name)}${errorSummary(resent?.refused.summary, errors, fields)}
      <form method="post" action="/bezorging/aanbieders/${providerId}" novalidate>
        ${fields} ${submit('Opslaan', visit.viewer.csrf)}
      </form>
      ${settings.webhookUrl ? webhookTestForm(visit, providerId) : ''}
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/bezorging">Terug naar bezorging</a></p>`,
    visit.viewer,
  );
}

/** The one time a webhook secret is shown: the provider needs it to check each message's signature. */
export function newSecretPage(visit: Visit, providerName: string, secret: string): string {
  return page(
    'Nieuw webhookgeheim',
    html`${statusMessage(
        `De adressen van ${providerName} zijn opgeslagen. Geef dit geheim veilig door aan de zorgaanbieder: het wordt hierna niet meer getoond.`,
        'warning',
      )}
      <p class="utrecht-paragraph">Geheim: <code class="secret">${secret}</code></p>
      <p class="utrecht-paragraph"><a class="utrecht-link" href="/bezorging">Terug naar bezorging</a></p>`,
    visit.viewer,
  );
}
