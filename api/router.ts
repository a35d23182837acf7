import { Router } from 'express';
import type { PrismaClient } from '../prisma/client';
import type { Actor, Auth } from './auth';
import { expressPath, type Endpoint } from './endpoint';
import { AppError, errorBody, toAppError } from './errors';
import { once, type Answer } from './idempotency';

type Raw = Parameters<Endpoint['run']>[1];

async function answer(e: Endpoint, actor: Actor, raw: Raw, requestId: string): Promise<Answer> {
  return { status: e.status, body: await e.run(actor, raw, requestId) };
}

/** Refusals become stored answers too, so a repeated POST gets the same 409 as the first. */
async function answerOrRefusal(e: Endpoint, actor: Actor, raw: Raw, requestId: string): Promise<Answer> {
  try {
    return await answer(e, actor, raw, requestId);
  } catch (error) {
    const refusal = toAppError(error);
    if (refusal.status >= 500) throw error;
    return { status: refusal.status, body: errorBody(refusal) };
  }
}

/** Mounts each endpoint behind authentication, the role check and, for POSTs, the Idempotency-Key. */
export function endpointRouter(endpoints: Endpoint[], auth: Auth, prisma: PrismaClient): Router {
  const router = Router();
  for (const e of endpoints) {
    router[e.method](expressPath(e.path), auth.authenticate, async (req, res) => {
      const actor = req.actor!;
      if (!e.roles.includes(actor.role)) {
        throw new AppError(403, 'FORBIDDEN', `The role ${actor.role} may not: ${e.summary}`);
      }
      const raw = { params: req.params, query: req.query, body: req.body as unknown };
      const key = req.get('Idempotency-Key');
      const requestId = String(req.id);
      const result =
        e.method === 'post' && key !== undefined
          ? await once(prisma, actor, key, { method: req.method, path: req.path, body: req.body }, () =>
              answerOrRefusal(e, actor, raw, requestId),
            )
          : await answer(e, actor, raw, requestId);
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(result.status).json(result.body);
    });
  }
  return router;
}
