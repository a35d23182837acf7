import { isDoneByAction, type tasksDoneByAction } from '../../domain/lifecycle';
import * as responses from '../responses';
import { z } from 'zod';
import type { Prisma } from '../../prisma/client';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { AppError } from '../app-error';
import { id, page, pageOf } from '../schemas';
import { taskScope } from '../scope';
import { auditUserAction } from '../../prisma/records/audit';

/** The action that does each task the workflow waits on. */
const doneByAction: Record<(typeof tasksDoneByAction)[number], string> = {
  INTAKE_OVERDUE: 'POST /trajectories/{id}/intake',
  DECIDE_EXTENSION: 'POST /trajectories/{id}/extension-decision',
  END_EVALUATION: 'POST /trajectories/{id}/end-evaluation',
  DECIDE_EXPANSION: 'POST /trajectories/{id}/expansion-decision',
};

export function taskRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/tasks',
      summary: 'Own open tasks, of one trajectory or all: overdue first, then by due date',
      tag: 'Tasks',
      roles: ['CONSULTANT', 'PROVIDER'],
      response: responses.tasks,
      query: page.extend({ trajectoryId: id.optional() }),
      handle: async ({ actor, query }) => {
        const where: Prisma.TaskWhereInput = {
          ...taskScope(actor),
          status: 'OPEN',
          ...(query.trajectoryId && { trajectoryId: query.trajectoryId }),
        };
        const now = new Date();
        // Ascending due date puts every overdue task (due before now) ahead of the rest.
        return pageOf(
          query,
          async (window) =>
            (
              await prisma.task.findMany({
                where,
                orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
                ...window,
                select: { id: true, trajectoryId: true, kind: true, dueAt: true, status: true, createdAt: true },
              })
            ).map((t) => ({ ...t, overdue: t.dueAt < now })),
          () => prisma.task.count({ where }),
        );
      },
    }),
    endpoint({
      method: 'post',
      path: '/tasks/{taskId}/complete',
      summary: 'Complete an own open task',
      tag: 'Tasks',
      roles: ['CONSULTANT', 'PROVIDER'],
      response: responses.completedTask,
      params: z.object({ taskId: id }),
      body: z.strictObject({
        outcome: z.string().trim().min(1).max(2000).optional(),
        /** The trajectory the caller means: a task of another one is not found (a page's form names both). */
        trajectoryId: id.optional(),
      }),
      handle: async ({ actor, params, body }) => {
        const task = await prisma.task.findFirst({
          where: {
            id: params.taskId,
            ...(body.trajectoryId && { trajectoryId: body.trajectoryId }),
            ...taskScope(actor),
          },
        });
        if (!task) throw new AppError(404, 'TASK_NOT_FOUND', `No task ${params.taskId}`);
        if (isDoneByAction(task.kind))
          throw new AppError(409, 'WRONG_STATE', `A ${task.kind} task is completed by ${doneByAction[task.kind]}`);
        const at = new Date();
        // Only an open task changes; the count tells a concurrent second completion apart.
        return prisma.$transaction(async (tx) => {
          const { count } = await tx.task.updateMany({
            where: { id: task.id, status: 'OPEN' },
            data: { status: 'DONE', completedAt: at, completedById: actor.id, outcome: body.outcome },
          });
          if (count === 0) throw new AppError(409, 'WRONG_STATE', `The task is already ${task.status.toLowerCase()}`);
          await auditUserAction(tx, actor.id, {
            trajectoryId: task.trajectoryId,
            action: 'TASK_COMPLETED',
            data: { taskId: task.id, kind: task.kind },
          });
          return { id: task.id, kind: task.kind, status: 'DONE' as const, completedAt: at };
        });
      },
    }),
  ];
}
