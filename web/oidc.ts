import type { Request, Response } from 'express';
import { jwtVerify, SignJWT } from 'jose';
import * as client from 'openid-client';
import type { PrismaClient, User } from '../prisma/client';
import { cookiesOf } from './session';

/** The organisation's identity provider, from OIDC_ISSUER, OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and APP_URL. */
export interface OidcSettings {
  issuer: string;
  clientId: string;
  /** Unset: a public client (PKCE alone). */
  clientSecret?: string;
  /** Where the provider sends the browser back: `<APP_URL>/aanmelden/oidc/terug`. */
  redirectUrl: string;
}

export const OIDC_CALLBACK_PATH = '/aanmelden/oidc/terug';
/** The code verifier, state and nonce of one sign-in, for ten minutes, signed. */
const FLOW_COOKIE = 'wmo_oidc';
const audience = 'wmo-trajecten-oidc-flow';

const isLoopback = (url: URL) => ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);

/**
 * Sign-in by OpenID Connect, authorization code with PKCE (openid-client). A user is matched by the
 * provider's subject, or at the first sign-in by a verified e-mail address, which binds the subject;
 * the role and scope come from our User table, never from the provider.
 */
export class Oidc {
  private config?: Promise<client.Configuration>;
  private readonly key: Uint8Array;

  constructor(
    private readonly settings: OidcSettings,
    private readonly prisma: PrismaClient,
    secret: string,
  ) {
    this.key = new TextEncoder().encode(secret);
  }

  /** Discovery once, on first use; plain http only for a provider on this machine (tests, development). */
  private configuration(): Promise<client.Configuration> {
    const issuer = new URL(this.settings.issuer);
    this.config ??= client
      .discovery(issuer, this.settings.clientId, this.settings.clientSecret, undefined, {
        execute: isLoopback(issuer) && issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.config = undefined; // a provider that was away is asked again next time
        throw error;
      });
    return this.config;
  }

  /** Sends the browser to the provider, keeping what the answer must match in a signed cookie. */
  async start(req: Request, res: Response, returnTo?: string): Promise<void> {
    const config = await this.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const flow = await new SignJWT({ verifier, state, nonce, ...(returnTo && { returnTo }) })
      .setProtectedHeader({ alg: 'HS256' })
      .setAudience(audience)
      .setExpirationTime('10m')
      .sign(this.key);
    const secure = req.secure ? '; Secure' : '';
    res.append('Set-Cookie', `${FLOW_COOKIE}=${flow}; Path=/aanmelden; HttpOnly; SameSite=Lax; Max-Age=600${secure}`);
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl,
      scope: 'openid email profile',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    res.redirect(303, url.href);
  }

  /** The provider's answer: the user it names (undefined: nobody we know) and the page to return to. */
  async finish(req: Request, res: Response): Promise<{ user?: User; returnTo?: string }> {
    const config = await this.configuration();
    const { payload } = await jwtVerify(cookiesOf(req)[FLOW_COOKIE] ?? '', this.key, { audience });
    res.append('Set-Cookie', `${FLOW_COOKIE}=; Path=/aanmelden; HttpOnly; SameSite=Lax; Max-Age=0`);
    const answer = new URL(req.originalUrl, this.settings.redirectUrl);
    const tokens = await client.authorizationCodeGrant(config, answer, {
      pkceCodeVerifier: String(payload.verifier),
      expectedState: String(payload.state),
      expectedNonce: String(payload.nonce),
      idTokenExpected: true,
    });
    const claims = tokens.claims();
    const back = typeof payload.returnTo === 'string' ? payload.returnTo : undefined;
    if (!claims) return { returnTo: back };
    // Providers may keep the e-mail address out of the ID token: then the userinfo endpoint has it.
    const profile =
      claims.email === undefined ? await client.fetchUserInfo(config, tokens.access_token, claims.sub) : claims;
    const user = await this.userFor(claims.sub, profile.email_verified === false ? undefined : profile.email);
    return { user, returnTo: back };
  }

  private async userFor(subject: string, email: unknown): Promise<User | undefined> {
    const bound = await this.prisma.user.findUnique({ where: { oidcSubject: subject } });
    if (bound) return bound;
    if (typeof email !== 'string') return undefined;
    const byEmail = await this.prisma.user.findFirst({
      where: { email: { equals: email, mode: 'insensitive' }, oidcSubject: null },
    });
    if (!byEmail) return undefined;
    return this.prisma.user.update({ where: { id: byEmail.id }, data: { oidcSubject: subject } });
  }
}
