import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'express';
import { errors, jwtVerify, SignJWT } from 'jose';
import { html, type Html } from './html';

/** The browser's session: a signed cookie naming the user (the role and scope come from the database). */
const SESSION_COOKIE = 'wmo_sessie';
/** Double-submit CSRF token: this cookie's value must come back in every form (`_csrf`). */
const CSRF_COOKIE = 'wmo_csrf';
const audience = 'wmo-trajecten-web';
/**
 * The cookies outlive the session by a day, so that a browser coming back after its session ended
 * still shows it: the sign-in page can say why, and a form then posted can be refused as such.
 */
const COOKIE_GRACE_SECONDS = 86_400;

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

/** What the request's session cookie says: a signed-in user, a session that ran out, or nobody. */
export type SessionCheck = { state: 'active'; userId: string; endsAt: Date } | { state: 'ended' } | { state: 'none' };

/**
 * Browser sessions that end after `idleSeconds` without a page (SESSION_IDLE): every page renews
 * them, so someone at work is never signed out, and a screen left alone is. The pages warn before
 * the end and offer to stay signed in (static/session.js; WCAG 2.2.1).
 */
export class Sessions {
  private readonly key: Uint8Array;
  constructor(
    secret: string,
    readonly idleSeconds = 3_600,
    private readonly now: () => Date = () => new Date(),
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** A new session for this user, or the user's session renewed; when it ends unless renewed again. */
  async signIn(req: Request, res: Response, userId: string): Promise<Date> {
    const issuedAt = Math.floor(this.now().getTime() / 1000);
    const endsAt = issuedAt + this.idleSeconds;
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setAudience(audience)
      .setIssuedAt(issuedAt)
      .setExpirationTime(endsAt)
      .sign(this.key);
    setCookie(req, res, SESSION_COOKIE, token, this.idleSeconds + COOKIE_GRACE_SECONDS);
    return new Date(endsAt * 1000);
  }

  signOut(req: Request, res: Response): void {
    setCookie(req, res, SESSION_COOKIE, '', 0);
  }

  /**
   * The CSRF token for this browser, made on first sight and kept as long as the browser keeps
   * coming (every page renews its cookie with the session's), so a form left open while the session
   * was renewed in another tab still counts.
   */
  csrfToken(req: Request, res: Response): string {
    const existing = cookiesOf(req)[CSRF_COOKIE];
    const token = existing && /^[A-Za-z0-9_-]{43}$/.test(existing) ? existing : randomBytes(32).toString('base64url');
    setCookie(req, res, CSRF_COOKIE, token, this.idleSeconds + COOKIE_GRACE_SECONDS);
    return token;
  }

  /** The request's session: tampered or for another audience counts as none; one signed by us but expired, as ended. */
  async check(req: Request): Promise<SessionCheck> {
    const token = cookiesOf(req)[SESSION_COOKIE];
    if (!token) return { state: 'none' };
    try {
      const { payload } = await jwtVerify(token, this.key, {
        audience,
        algorithms: ['HS256'],
        currentDate: this.now(),
      });
      return payload.sub && payload.exp
        ? { state: 'active', userId: payload.sub, endsAt: new Date(payload.exp * 1000) }
        : { state: 'none' };
    } catch (error) {
      // jose checks the signature before the claims: an expired token is one we issued.
      return error instanceof errors.JWTExpired ? { state: 'ended' } : { state: 'none' };
    }
  }
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
