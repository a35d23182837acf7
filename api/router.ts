import { createHash } from 'node:crypto';
import { Router } from 'express';
import type { PrismaClient } from '../prisma/client';
import type { Actor, Auth } from './auth';
import { expressPath, type Endpoint } from './endpoint';
import { AppError } from './app-error';
import { errorBody, toAppError } from './errors';
import { once, type Answer } from './idempotency';

type Raw = Parameters<Endpoint['run']>[1];

async function answer(e: Endpoint, actor: Actor, raw: Raw, updateId: string): Promise<Answer> {
  return { status: e.status, body: await e.run(actor, raw, updateId) };
}

/** Refusals become stored answers too, so a repeated POST gets the same 409 as the first. */
async function answerOrRefusal(e: Endpoint, actor: Actor, raw: Raw, updateId: string): Promise<Answer> {
  try {
    return await answer(e, actor, raw, updateId);
  } catch (error) {
    const refusal = toAppError(error);
    if (refusal.status >= 500) throw error;
    return { status: refusal.status, body: errorBody(refusal) };
  }
}

/**
 * With an Idempotency-Key, the workflow update gets an id derived from it: a retry after a lost
 * answer (a timeout, a dead process) attaches to the same update in the workflow, which Temporal
 * runs once, instead of sending the change a second time.
 */
const keyedUpdateId = (actor: Actor, key: string) =>
  `idempotency-${createHash('sha256').update(`${actor.id}:${key}`).digest('hex').slice(0, 32)}`;

/** Mounts each endpoint behind authentication, the role check and, for POSTs, the Idempotency-Key. */
export function endpointRouter(
  endpoints: Endpoint[],
  auth: Auth,
  prisma: PrismaClient,
  claimTimeoutMs?: number,
): Router {
  const router = Router();
  for (const e of endpoints) {
    router[e.method](expressPath(e.path), auth.authenticate, async (req, res) => {
      const actor = req.actor!;
      if (!e.roles.includes(actor.role)) {
        throw new AppError(403, 'FORBIDDEN', `The role ${actor.role} may not: ${e.summary}`);
      }
      const raw = { params: req.params, query: req.query, body: req.body as unknown };
      const key = req.get('Idempotency-Key');
      const result =
        e.method === 'post' && key !== undefined
          ? await once(
              prisma,
              actor,
              key,
              { method: req.method, path: req.path, body: req.body },
              () => answerOrRefusal(e, actor, raw, keyedUpdateId(actor, key)),
              claimTimeoutMs,
            )
          : await answer(e, actor, raw, String(req.id));
      if (result.replayed) res.setHeader('Idempotent-Replayed', 'true');
      res.status(result.status).json(result.body);
    });
  }
  return router;
}
