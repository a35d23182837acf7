import type { TaskKind } from '../domain/lifecycle';
import { Prisma, type PrismaClient, type Role } from '../prisma/client';

export interface OpenTask {
  /** Deterministic (workflow id + deadline key), so a retried activity opens the task once. */
  idempotencyKey: string;
  trajectoryId: string;
  kind: TaskKind;
  assigneeRole: Role;
  teamId?: string;
  providerId?: string;
  dueAt: string;
}

/** Tasks as one INSERT, each once per key: for a statement that writes them with other rows (a change's batched write). */
export function insertTasks(tasks: OpenTask[]): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "Task" (id, "idempotencyKey", "trajectoryId", kind, "assigneeRole", "teamId", "providerId", "dueAt")
    SELECT gen_random_uuid(), t->>'idempotencyKey', (t->>'trajectoryId')::uuid, t->>'kind', (t->>'assigneeRole')::"Role",
           (t->>'teamId')::uuid, (t->>'providerId')::uuid, (t->>'dueAt')::timestamptz
    FROM jsonb_array_elements(${JSON.stringify(tasks)}::jsonb) AS t
    ON CONFLICT ("idempotencyKey") DO NOTHING`;
}

/** Opens a task for a consultant or provider, once per key. */
export function openTask(prisma: PrismaClient) {
  return async (task: OpenTask): Promise<void> => {
    await prisma.task.createMany({ data: [{ ...task, dueAt: new Date(task.dueAt) }], skipDuplicates: true });
  };
}

/** Marks a trajectory's open tasks of the given kinds done (the awaited action happened). */
export function completeTasks(prisma: PrismaClient) {
  return async (input: {
    trajectoryId: string;
    kinds: TaskKind[];
    completedById: string;
    at: string;
  }): Promise<number> => {
    const { count } = await prisma.task.updateMany({
      where: { trajectoryId: input.trajectoryId, kind: { in: input.kinds }, status: 'OPEN' },
      data: { status: 'DONE', completedAt: new Date(input.at), completedById: input.completedById },
    });
    return count;
  };
}
