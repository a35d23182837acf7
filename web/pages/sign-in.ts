import type { PrismaClient } from '../../prisma/client';
import { roleLabels } from '../../domain/labels';
import { html } from '../html';
import { page } from '../layout';
import { csrfField } from '../session';

/** The development sign-in: every user of the database, one button each (never with an identity provider). */
export async function devSignInPage(prisma: PrismaClient, csrf: string, returnTo?: string): Promise<string> {
  const users = await prisma.user.findMany({
    orderBy: [{ role: 'asc' }, { displayName: 'asc' }],
    include: { team: true, provider: true },
  });
  return page(
    'Aanmelden',
    html`<p class="utrecht-paragraph">
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
export function organisationSignInPage(returnTo?: string): string {
  return page(
    'Aanmelden',
    html`<p class="utrecht-paragraph">U meldt zich aan met het account van uw organisatie.</p>
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
