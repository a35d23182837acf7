import type { Request, Response } from 'express';
import { Sessions } from '../../web/session';

/** A request carrying these cookies, as Sessions reads it. */
export const requestWith = (cookies: Record<string, string>): Request =>
  ({
    secure: false,
    headers: {
      cookie: Object.entries(cookies)
        .map(([k, v]) => `${k}=${encodeURIComponent(v)}`)
        .join('; '),
    },
  }) as unknown as Request;

/** A response that keeps the cookies set on it, by name (value and Max-Age). */
export function cookieJar(): { res: Response; cookies: Map<string, { value: string; maxAge: number }> } {
  const cookies = new Map<string, { value: string; maxAge: number }>();
  const res = {
    append: (_header: string, line: string) => {
      const [pair = '', ...attributes] = line.split('; ');
      const at = pair.indexOf('=');
      const maxAge = Number(attributes.find((a) => a.startsWith('Max-Age='))?.slice('Max-Age='.length));
      cookies.set(pair.slice(0, at), { value: decodeURIComponent(pair.slice(at + 1)), maxAge });
    },
  } as unknown as Response;
  return { res, cookies };
}

/** The session cookie a browser would hold had this user signed in at `signedInAt` (e.g. one that has since ended). */
export async function sessionCookieAt(secret: string, userId: string, signedInAt: Date, idleSeconds = 3_600) {
  const jar = cookieJar();
  await new Sessions(secret, idleSeconds, () => signedInAt).signIn(requestWith({}), jar.res, userId);
  const cookie = jar.cookies.get('wmo_sessie');
  if (!cookie) throw new Error('no session cookie was set');
  return cookie.value;
}
