import type { PrismaClient } from '../../prisma/client';
import { roleLabels } from '../../domain/labels';
import { html } from '../html';
import { page, statusMessage } from '../layout';
import type { SessionEnd } from '../return-to';
import { csrfField } from '../session';

/** Why the person is here again; the session ends after a time without pages (web/session.ts). */
const endedTexts: Record<SessionEnd, string> = {
  pagina:
    'Uw sessie is verlopen, omdat u een tijd geen pagina hebt geopend. Meld u opnieuw aan; daarna gaat u verder waar u was.',
  formulier:
    'Uw sessie was verlopen toen u het formulier verstuurde. Daarom is het niet opgeslagen. Meld u opnieuw aan; daarna komt u terug op de pagina en kunt u het opnieuw versturen.',
};

/** The development sign-in: every user of the database, one button each (never with an identity provider). */
export async function devSignInPage(
  prisma: PrismaClient,
  csrf: string,
  returnTo?: string,
  ended?: SessionEnd,
): Promise<string> {
  const users = await prisma.user.findMany({
    orderBy: [{ role: 'asc' }, { displayName: 'asc' }],
    include: { team: true, provider: true },
  });
  return page(
    'Aanmelden',
    html`${statusMessage(ended && endedTexts[ended], 'warning')}
      <p class="utrecht-paragraph">
        Ontwikkelomgeving: kies met wie u zich aanmeldt. In productie meldt u zich aan via uw organisatie.
      </p>
      <ul class="utrecht-unordered-list sign-in-list">
        ${users.map(
          (u) =>
            html`<li>
              <form method="post" action="/aanmelden">
                ${csrfField(csrf)}
                <input type="hidden" name="userId" value="${u.id}" />
                ${returnTo ? html`<input type="hidden" name="terug" value="${returnTo}" />` : ''}
                <button class="utrecht-button utrecht-button--primary-action" type="submit">
                  Aanmelden als ${u.displayName}
                  (${roleLabels[u.role]}${u.team ? `, ${u.team.name}` : ''}${u.provider ? `, ${u.provider.name}` : ''})
                </button>
              </form>
            </li>`,
        )}
      </ul>`,
  );
}

/** With an identity provider: one way in, through the organisation. */
export function organisationSignInPage(returnTo?: string, ended?: SessionEnd): string {
  return page(
    'Aanmelden',
    html`${statusMessage(ended && endedTexts[ended], 'warning')}
      <p class="utrecht-paragraph">U meldt zich aan met het account van uw organisatie.</p>
      <p class="utrecht-paragraph">
        <a
          class="utrecht-button-link utrecht-button-link--primary-action"
          href="/aanmelden/oidc${returnTo ? `?terug=${encodeURIComponent(returnTo)}` : ''}"
          >Aanmelden via uw organisatie</a
        >
      </p>`,
  );
}

export function signInUnavailablePage(): string {
  return page(
    'Aanmelden',
    html`<p class="utrecht-paragraph">
      Aanmelden via de identiteitsdienst van uw organisatie is nog niet ingericht. Neem contact op met functioneel
      beheer.
    </p>`,
  );
}
