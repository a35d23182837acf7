/**
 * Where to go after signing in: the page that asked for it. Only a path on this site (no scheme, no
 * `//host`, no backslash tricks) and never the sign-in pages themselves; anything else is ignored.
 */
export function returnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!/^\/(?![/\\])[^\s\\]*$/.test(value) || value.startsWith('/aanmelden')) return undefined;
  return value;
}

/** Why someone is sent to sign in again: their session ended while they looked at a page, or as they sent a form. */
export type SessionEnd = 'pagina' | 'formulier';

/** The sign-in page's `verlopen`, if it is one. */
export const sessionEndOf = (value: unknown): SessionEnd | undefined =>
  value === 'pagina' || value === 'formulier' ? value : undefined;

/** The sign-in page's address that brings the user back to `path` and, if so, says their session ended. */
export function signInFor(path: string, ended?: SessionEnd): string {
  const query = new URLSearchParams();
  if (returnTo(path)) query.set('terug', path);
  if (ended) query.set('verlopen', ended);
  return query.size ? `/aanmelden?${query.toString()}` : '/aanmelden';
}

/**
 * The page a form was sent from, to return to after signing in again: a trajectory's forms belong
 * to its page, registration and the settings to themselves, the others (marking read, a retry) to
 * their list.
 */
export function pageOfForm(path: string): string {
  const trajectory = /^\/trajecten\/([0-9a-f-]{36})\//.exec(path);
  if (trajectory) return `/trajecten/${trajectory[1]}`;
  if (path === '/afmelden') return '/';
  if (path === '/trajecten/nieuw') return path;
  return `/${path.split('/')[1] ?? ''}`;
}
