import type { RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, SignJWT, type JWTPayload } from 'jose';
import { z } from 'zod';
import type { PrismaClient, Role } from '../prisma/client';
import { AppError } from './app-error';
import { errorBody } from './errors';

const issuer = 'wmo-trajectories';
const audience = 'wmo-trajectories-api';

/** Who is calling, as the database knows them now (a changed role or team counts at once). */
export interface Actor {
  id: string;
  role: Role;
  teamId: string | null;
  providerId: string | null;
}

declare module 'express-serve-static-core' {
  interface Request {
    actor?: Actor;
  }
}

export interface Auth {
  /** Answers 401 unless a valid bearer token names a known user; sets `req.actor`. */
  authenticate: RequestHandler;
}

/** A signed token for a user id, valid for `ttl` (e.g. "8h"); the user's role and scope come from the database. */
export function mintToken(secret: string, userId: string, ttl: string): Promise<string> {
  return new SignJWT({})
    .setProtectedHeader({ alg: 'HS256' })
    .setSubject(userId)
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setExpirationTime(ttl)
    .sign(new TextEncoder().encode(secret));
}

function unauthorized(message: string): AppError {
  return new AppError(401, 'UNAUTHENTICATED', message);
}

export interface TokenRules {
  /** The longest lifetime (exp − iat) a token may have, in seconds. */
  maxLifetimeSeconds: number;
  /** How far a clock may run ahead: an `iat` further in the future is refused. */
  clockSkewSeconds?: number;
}

const subject = z.uuid();

/**
 * A token counts only when signed with our key for our API, with a user id (UUID) as subject, an
 * issue time that is not in the future and an expiry within the configured lifetime: a token that
 * never expires, or was made to live for months, is refused however well it is signed.
 */
async function verifiedSubject(token: string, key: Uint8Array, rules: TokenRules): Promise<string> {
  let payload: JWTPayload;
  try {
    ({ payload } = await jwtVerify(token, key, {
      issuer,
      audience,
      algorithms: ['HS256'],
      requiredClaims: ['exp', 'iat', 'sub'],
    }));
  } catch (error) {
    if (error instanceof joseErrors.JOSEError) throw unauthorized(`The token is not valid (${error.code})`);
    throw error;
  }
  const { exp, iat, sub } = payload as Required<Pick<JWTPayload, 'exp' | 'iat' | 'sub'>>;
  if (iat > Date.now() / 1000 + (rules.clockSkewSeconds ?? 60))
    throw unauthorized('The token was issued in the future');
  if (exp - iat > rules.maxLifetimeSeconds) throw unauthorized('The token lives longer than allowed');
  if (!subject.safeParse(sub).success) throw unauthorized('The token names no known user');
  return sub;
}

export function createAuth(prisma: PrismaClient, secret: string, rules: TokenRules): Auth {
  const key = new TextEncoder().encode(secret);

  async function actorOf(header: string | undefined): Promise<Actor> {
    const token = /^Bearer ([^\s]+)$/.exec(header ?? '')?.[1];
    if (!token) throw unauthorized('A bearer token is required');
    const sub = await verifiedSubject(token, key, rules);
    const user = await prisma.user.findUnique({ where: { id: sub } });
    if (!user) throw unauthorized('The token names no known user');
    return { id: user.id, role: user.role, teamId: user.teamId, providerId: user.providerId };
  }

  return {
    authenticate: async (req, res, next) => {
      try {
        req.actor = await actorOf(req.headers.authorization);
        next();
      } catch (error) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        next(error);
      }
    },
  };
}

/**
 * Slows down token guessing: after `limit` failed authentications (401) from one address within
 * 15 minutes, that address gets 429 until the window has passed. Only answers that were 401 count,
 * when they are sent: requests in flight or answered otherwise never do (counting every request
 * and taking successes back later made 200 simultaneous valid requests look like an attack).
 */
export function authFailureLimiter(limit: number, windowMs = 15 * 60_000): RequestHandler {
  const failures = new Map<string, { count: number; resetAt: number }>();
  const current = (address: string, now: number) => {
    const entry = failures.get(address);
    if (entry && entry.resetAt <= now) failures.delete(address);
    return entry && entry.resetAt > now ? entry : undefined;
  };
  return (req, res, next) => {
    const address = req.ip ?? req.socket.remoteAddress ?? 'unknown';
    const now = Date.now();
    const entry = current(address, now);
    if (entry && entry.count >= limit) {
      res.setHeader('Retry-After', String(Math.ceil((entry.resetAt - now) / 1000)));
      res
        .status(429)
        .json(errorBody(new AppError(429, 'TOO_MANY_FAILED_SIGN_INS', 'Too many failed sign-ins; try again later')));
      return;
    }
    res.once('finish', () => {
      if (res.statusCode !== 401) return;
      const at = Date.now();
      const counted = current(address, at) ?? { count: 0, resetAt: at + windowMs };
      counted.count += 1;
      failures.set(address, counted);
      // Many addresses that never come back: forget the expired ones now and then.
      if (failures.size > 10_000) for (const [key, value] of failures) if (value.resetAt <= at) failures.delete(key);
    });
    next();
  };
}
