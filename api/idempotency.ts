import { createHash } from 'node:crypto';
import type { Prisma, PrismaClient } from '../prisma/client';
import type { Actor } from './auth';
import { AppError } from './app-error';

export interface Answer {
  status: number;
  body: unknown;
  replayed?: boolean;
}

const validKey = /^[\x21-\x7e]{1,255}$/;

/**
 * How long a first attempt may hold its key: longer than any request runs (the API bounds its
 * calls to Temporal and the database), so a claim older than this belongs to a process that died.
 */
export const DEFAULT_CLAIM_TIMEOUT_MS = 2 * 60_000;

/**
 * Runs `produce` once per user and Idempotency-Key; a repeat with the same method, path and body
 * gets the stored first answer, with another body a 422, while the first still runs a 409.
 * `produce` answers refusals and throws on a server error: that is not kept, so the client may retry.
 * A claim whose first attempt died with its process is taken over after `claimTimeoutMs`.
 */
export async function once(
  prisma: PrismaClient,
  actor: Actor,
  key: string,
  request: { method: string; path: string; body: unknown },
  produce: () => Promise<Answer>,
  claimTimeoutMs = DEFAULT_CLAIM_TIMEOUT_MS,
): Promise<Answer> {
  if (!validKey.test(key)) {
    throw new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', [
      { path: 'headers.Idempotency-Key', message: 'must be 1 to 255 printable ASCII characters' },
    ]);
  }
  const bodyHash = createHash('sha256')
    .update(JSON.stringify(request.body ?? null))
    .digest('hex');
  const row = { userId: actor.id, key, method: request.method, path: request.path, bodyHash };
  const { count } = await prisma.idempotentRequest.createMany({ data: [row], skipDuplicates: true });
  if (count === 0 && !(await takeOverAbandoned(prisma, row, claimTimeoutMs))) return earlier(prisma, row);
  const where = { userId_key: { userId: actor.id, key } };
  let answer: Answer;
  try {
    answer = await produce();
  } catch (error) {
    await prisma.idempotentRequest.delete({ where });
    throw error;
  }
  await prisma.idempotentRequest.update({
    where,
    data: { status: answer.status, response: answer.body as Prisma.InputJsonValue, completedAt: new Date() },
  });
  return answer;
}

/** Claims the key of a first attempt that never finished (its process died), in one conditional update. */
async function takeOverAbandoned(
  prisma: PrismaClient,
  row: { userId: string; key: string; method: string; path: string; bodyHash: string },
  claimTimeoutMs: number,
): Promise<boolean> {
  const { count } = await prisma.idempotentRequest.updateMany({
    where: {
      ...row,
      status: null,
      createdAt: { lt: new Date(Date.now() - claimTimeoutMs) },
    },
    data: { createdAt: new Date() },
  });
  return count === 1;
}

async function earlier(
  prisma: PrismaClient,
  row: { userId: string; key: string; method: string; path: string; bodyHash: string },
): Promise<Answer> {
  const first = await prisma.idempotentRequest.findUniqueOrThrow({
    where: { userId_key: { userId: row.userId, key: row.key } },
  });
  if (first.method !== row.method || first.path !== row.path || first.bodyHash !== row.bodyHash) {
    throw new AppError(422, 'IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used for another request', [
      { path: 'headers.Idempotency-Key', message: 'already used for a different request' },
    ]);
  }
  if (first.status === null) {
    throw new AppError(409, 'IDEMPOTENCY_IN_PROGRESS', 'The first request with this Idempotency-Key is still running');
  }
  return { status: first.status, body: first.response, replayed: true };
}
