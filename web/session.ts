import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import { html, type Html } from './html';

/** The browser's session: a signed cookie naming the user (the role and scope come from the database). */
const SESSION_COOKIE = 'wmo_sessie';
/** Double-submit CSRF token: this cookie's value must come back in every form (`_csrf`). */
const CSRF_COOKIE = 'wmo_csrf';
const audience = 'wmo-trajecten-web';
const SESSION_SECONDS = 8 * 3600;

export function cookiesOf(req: Request): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const at = part.indexOf('=');
    if (at > 0) out[part.slice(0, at).trim()] = decodeURIComponent(part.slice(at + 1).trim());
  }
  return out;
}

/** HttpOnly, SameSite=Lax, and Secure whenever the request came over TLS (directly or via a trusted proxy). */
function setCookie(req: Request, res: Response, name: string, value: string, maxAgeSeconds: number): void {
  const secure = req.secure ? '; Secure' : '';
  res.append(
    'Set-Cookie',
    `${name}=${encodeURIComponent(value)}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${maxAgeSeconds}${secure}`,
  );
}

export class Sessions {
  private readonly key: Uint8Array;
  constructor(secret: string) {
    this.key = new TextEncoder().encode(secret);
  }

  async signIn(req: Request, res: Response, userId: string): Promise<void> {
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience(audience)
      .setIssuedAt()
      .setExpirationTime(`${SESSION_SECONDS}s`)
      .sign(this.key);
    setCookie(req, res, SESSION_COOKIE, token, SESSION_SECONDS);
  }

  signOut(req: Request, res: Response): void {
    setCookie(req, res, SESSION_COOKIE, '', 0);
  }

  /** The signed-in user's id, or undefined (no cookie, tampered, expired). */
  async userId(req: Request): Promise<string | undefined> {
    const token = cookiesOf(req)[SESSION_COOKIE];
    if (!token) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { audience, algorithms: ['HS256'] });
      return payload.sub;
    } catch {
      return undefined;
    }
  }
}

/** The CSRF token for this browser, set on first sight; every form carries it back. */
export function csrfToken(req: Request, res: Response): string {
  const existing = cookiesOf(req)[CSRF_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{43}$/.test(existing)) return existing;
  const token = randomBytes(32).toString('base64url');
  setCookie(req, res, CSRF_COOKIE, token, SESSION_SECONDS);
  return token;
}

/** The token's hidden field, in every form that changes something; `csrfValid` reads it back. */
export const csrfField = (token: string): Html => html`<input type="hidden" name="_csrf" value="${token}" />`;

/** A form counts only with the token its page was given (a cross-site form cannot read the cookie). */
export function csrfValid(req: Request): boolean {
  const cookie = cookiesOf(req)[CSRF_COOKIE];
  const sent = (req.body as Record<string, unknown> | undefined)?._csrf;
  if (!cookie || typeof sent !== 'string' || sent.length !== cookie.length) return false;
  return timingSafeEqual(Buffer.from(cookie), Buffer.from(sent));
}
