import type { Role } from '../prisma/client';
import { roleLabels } from '../domain/labels';
import { html, type Html } from './html';
import { csrfField } from './session';

export interface Viewer {
  displayName: string;
  role: Role;
  csrf: string;
  /** When the session ends unless a page is asked for before (web/session.ts). */
  sessionEndsAt: Date;
  /** The page's path, so that the menu marks where the person is. */
  path: string;
}

const menus: Record<Role, { href: string; label: string }[]> = {
  CONSULTANT: [
    { href: '/werkvoorraad', label: 'Werkvoorraad' },
    { href: '/trajecten', label: 'Trajecten' },
    { href: '/trajecten/nieuw', label: 'Cliënt aanmelden' },
    { href: '/meldingen', label: 'Meldingen' },
    { href: '/instellingen', label: 'E-mailinstellingen' },
  ],
  PROVIDER: [
    { href: '/meldingen', label: 'Meldingen' },
    { href: '/werkvoorraad', label: 'Werkvoorraad' },
    { href: '/termijnen', label: 'Termijnen' },
    { href: '/trajecten', label: 'Trajecten' },
    { href: '/instellingen', label: 'E-mailinstellingen' },
  ],
  OPERATIONS: [
    { href: '/overzicht', label: 'Overzicht' },
    { href: '/signalen', label: 'Signalen' },
    { href: '/bezorging', label: 'Bezorging' },
    { href: '/kosten', label: 'Kosten' },
    { href: '/zorgaanbieders', label: 'Zorgaanbieders' },
    { href: '/inzage', label: 'Inzage' },
  ],
};

/** Every page: Dutch, NL Design System (Utrecht) styles, a skip link, one h1, the menu of the role. */
export function page(title: string, body: Html, viewer?: Viewer): string {
  // A refused form says so in the title, the first thing a screen reader reads of the page it comes back on.
  const refused = body.fields.some((f) => f.message);
  return html`<!doctype html>
    <html lang="nl" class="utrecht-html">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>${refused ? 'Fout: ' : ''}${title} – Wmo-trajecten</title>
        <link rel="stylesheet" href="/static/design-tokens.css" />
        <link rel="stylesheet" href="/static/utrecht.css" />
        <link rel="stylesheet" href="/static/app.css" />
      </head>
      <body
        class="utrecht-theme utrecht-body"
        ${viewer ? html`data-session-ends="${viewer.sessionEndsAt.toISOString()}"` : ''}
      >
        <a class="utrecht-link skip-link" href="#inhoud">Direct naar de inhoud</a>
        <header class="site-header">
          <p class="site-name"><a class="utrecht-link" href="/">Wmo-trajecten</a></p>
          ${viewer ? navigation(viewer) : ''}
        </header>
        <main id="inhoud" class="utrecht-page-content">
          <h1 class="utrecht-heading-1">${title}</h1>
          ${body}
        </main>
        ${viewer ? sessionWarning(viewer) : ''}
      </body>
    </html>`.value;
}

function navigation(viewer: Viewer): Html {
  return html`<nav aria-label="Hoofdmenu" class="site-nav">
    <ul class="utrecht-unordered-list site-menu">
      ${menus[viewer.role].map(
        (m) =>
          html`<li>
            <a class="utrecht-link" href="${m.href}" ${m.href === viewer.path ? html`aria-current="page"` : ''}
              >${m.label}</a
            >
          </li>`,
      )}
    </ul>
    <p class="site-user">${viewer.displayName} (${roleLabels[viewer.role]})</p>
    <form method="post" action="/afmelden">
      ${csrfField(viewer.csrf)}
      <button class="utrecht-button utrecht-button--secondary-action" type="submit">Afmelden</button>
    </form>
  </nav>`;
}

/**
 * The warning before the session ends for want of a page (WCAG 2.2.1), opened by
 * static/session.js: stay signed in with one button; once ended, sign in again in another tab and
 * carry on here, with what was filled in still on the page.
 */
function sessionWarning(viewer: Viewer): Html {
  return html`<dialog
      id="sessie"
      class="session-dialog"
      aria-labelledby="sessie-bijna-titel"
      data-csrf="${viewer.csrf}"
    >
      <div data-sessie="bijna">
        <h2 id="sessie-bijna-titel" class="utrecht-heading-2">Uw sessie verloopt bijna</h2>
        <p class="utrecht-paragraph">
          U hebt een tijd geen pagina geopend. Om <span data-sessie-tijd></span> uur wordt u afgemeld; wat u dan nog
          niet hebt verstuurd, wordt niet opgeslagen.
        </p>
        <button class="utrecht-button utrecht-button--primary-action" type="button" data-sessie-knop="verlengen">
          Aangemeld blijven
        </button>
      </div>
      <div data-sessie="verlopen" hidden>
        <h2 id="sessie-verlopen-titel" class="utrecht-heading-2">Uw sessie is verlopen</h2>
        <p class="utrecht-paragraph">
          Wat u op deze pagina hebt ingevuld, staat er nog, maar is niet verstuurd. Meld u opnieuw aan in een nieuw
          tabblad, kom dan terug naar dit tabblad en kies Verder.
        </p>
        <p class="utrecht-paragraph">
          <a class="utrecht-link" href="/aanmelden" target="_blank" rel="noopener"
            >Opnieuw aanmelden (opent een nieuw tabblad)</a
          >
        </p>
        <button class="utrecht-button utrecht-button--primary-action" type="button" data-sessie-knop="verder">
          Verder
        </button>
        <p class="utrecht-paragraph" role="status" data-sessie-melding></p>
      </div>
    </dialog>
    <script src="/static/session.js"></script>`;
}

/** Which of `messages` a page was sent back with (`?bericht=`, `?taak=`): anything else says nothing. */
export function saidOf<K extends string>(messages: Record<K, string>, value: unknown): K | undefined {
  return Object.keys(messages).find((k): k is K => k === value);
}

/**
 * What the action before did, said once at the top of the page it led to (read out by screen
 * readers; a refusal at once, as an alert).
 */
export function statusMessage(text: string | Html | undefined, tone: 'info' | 'warning' | 'error' = 'info'): Html {
  if (!text) return html``;
  return html`<div
    class="utrecht-alert${tone === 'info' ? '' : ` utrecht-alert--${tone}`}"
    role="${tone === 'error' ? 'alert' : 'status'}"
  >
    <p class="utrecht-paragraph">${text}</p>
  </div>`;
}

/**
 * A table with a caption, header cells with scope, and a row per item. On a narrow screen (a phone,
 * or 400 % zoom) the table scrolls sideways in its own region, which the keyboard can focus and
 * scroll, so the page itself never does (WCAG 1.4.10).
 */
export function table(caption: string, headers: string[], rows: Html[][], empty: string): Html {
  if (rows.length === 0) return html`<p class="utrecht-paragraph">${empty}</p>`;
  return html`<div class="table-scroll" role="region" aria-label="${caption}" tabindex="0">
    <table class="utrecht-table">
      <caption class="utrecht-table__caption">
        ${caption}
      </caption>
      <thead class="utrecht-table__header">
        <tr class="utrecht-table__row">
          ${headers.map((h) => html`<th class="utrecht-table__header-cell" scope="col">${h}</th>`)}
        </tr>
      </thead>
      <tbody class="utrecht-table__body">
        ${rows.map(
          (cells) =>
            html`<tr class="utrecht-table__row">
              ${cells.map((c) => html`<td class="utrecht-table__cell">${c}</td>`)}
            </tr>`,
        )}
      </tbody>
    </table>
  </div>`;
}
