/**
 * Where to go after signing in: the page that asked for it. Only a path on this site (no scheme, no
 * `//host`, no backslash tricks) and never the sign-in pages themselves; anything else is ignored.
 */
export function returnTo(value: unknown): string | undefined {
  if (typeof value !== 'string' || value.length > 500) return undefined;
  if (!/^\/(?![/\\])[^\s\\]*$/.test(value) || value.startsWith('/aanmelden')) return undefined;
  return value;
}

/** The sign-in page's address that brings the user back to `path`. */
export const signInFor = (path: string): string =>
  returnTo(path) ? `/aanmelden?terug=${encodeURIComponent(path)}` : '/aanmelden';
