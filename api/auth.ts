import type { RequestHandler } from 'express';
import { errors as joseErrors, jwtVerify, SignJWT } from 'jose';
import type { PrismaClient, Role } from '../prisma/client';
import { AppError } from './errors';

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

export function createAuth(prisma: PrismaClient, secret: string): Auth {
  const key = new TextEncoder().encode(secret);

  async function actorOf(header: string | undefined): Promise<Actor> {
    const token = /^Bearer ([^\s]+)$/.exec(header ?? '')?.[1];
    if (!token) throw unauthorized('A bearer token is required');
    let sub: string | undefined;
    try {
      ({
        payload: { sub },
      } = await jwtVerify(token, key, { issuer, audience, algorithms: ['HS256'] }));
    } catch (error) {
      if (error instanceof joseErrors.JOSEError) throw unauthorized(`The token is not valid (${error.code})`);
      throw error;
    }
    const user = sub && /^[0-9a-f-]{36}$/i.test(sub) ? await prisma.user.findUnique({ where: { id: sub } }) : null;
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
