import { isDoneByAction, type tasksDoneByAction } from '../../domain/lifecycle';
import { taskTiming } from '../../domain/deadlines';
import * as responses from '../responses';
import { z } from 'zod';
import type { Prisma } from '../../prisma/client';
import type { Actor } from '../auth';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { AppError, rulesViolated } from '../app-error';
import { id, page, pageOf } from '../schemas';
import { colleaguesOf, taskScope } from '../scope';
import { auditUserAction } from '../../prisma/records/audit';
import { assignmentNotices } from '../assignment-notice';

/** The action that does each task the workflow waits on. */
const doneByAction: Record<(typeof tasksDoneByAction)[number], string> = {
  HOLD_INTAKE: 'POST /trajectories/{id}/intake',
  INTAKE_OVERDUE: 'POST /trajectories/{id}/intake',
  DECIDE_INDICATION: 'POST /trajectories/{id}/indication',
  OTHER_PROVIDER_NEEDED: 'POST /trajectories/{id}/transfer, …/close or …/indication',
  DECIDE_EXTENSION: 'POST /trajectories/{id}/extension-decision',
  END_EVALUATION: 'POST /trajectories/{id}/end-evaluation',
  DECIDE_EXPANSION: 'POST /trajectories/{id}/expansion-decision',
};

export function taskRoutes(deps: RouteDeps): Endpoint[] {
  const { prisma } = deps;
  const notices = assignmentNotices(deps);
  /**
   * A user who may hold a task in the actor's scope: one of the people they work with, as
   * GET /me/colleagues lists them (the task's team or provider is the actor's); 422 on `body.userId` otherwise.
   */
  async function colleague(actor: Actor, userId: string) {
    const user = await prisma.user.findFirst({
      where: { id: userId, ...colleaguesOf(actor) },
      select: { id: true, displayName: true },
    });
    if (!user)
      throw rulesViolated([
        {
          field: 'userId',
          rule: 'ASSIGNEE_OUT_OF_SCOPE',
          message: 'not a colleague of the team or provider the task is for',
        },
      ]);
    return { id: user.id, name: user.displayName };
  }

  return [
    endpoint({
      method: 'get',
      path: '/tasks',
      summary:
        'Own open tasks, of one trajectory or all: by due date (late and at-once ones first), each with its timing',
      tag: 'Tasks',
      roles: ['CONSULTANT', 'PROVIDER'],
      response: responses.tasks,
      query: page.extend({
        trajectoryId: id.optional(),
        /** `me`: the tasks the caller picked up; `nobody`: those no one picked up yet. */
        assignee: z.enum(['me', 'nobody']).optional(),
      }),
      handle: async ({ actor, query }) => {
        const where: Prisma.TaskWhereInput = {
          ...taskScope(actor),
          status: 'OPEN',
          ...(query.trajectoryId && { trajectoryId: query.trajectoryId }),
          ...(query.assignee && { assigneeUserId: query.assignee === 'me' ? actor.id : null }),
        };
        const now = new Date();
        // Ascending due date puts every task due before now (late or at once) ahead of the rest.
        return pageOf(
          query,
          async (window) =>
            (
              await prisma.task.findMany({
                where,
                orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
                ...window,
                select: {
                  id: true,
                  trajectoryId: true,
                  kind: true,
                  dueAt: true,
                  status: true,
                  createdAt: true,
                  assignee: { select: { id: true, displayName: true } },
                },
              })
            ).map(({ assignee, ...t }) => ({
              ...t,
              timing: taskTiming(t, now),
              assignee: assignee && { id: assignee.id, name: assignee.displayName },
            })),
          () => prisma.task.count({ where }),
        );
      },
    }),
    endpoint({
      method: 'post',
      path: '/tasks/{taskId}/assignee',
      summary:
        'Pick up an own open task (opgepakt), give it to a colleague of the same team or provider, or give it back (userId null)',
      tag: 'Tasks',
      roles: ['CONSULTANT', 'PROVIDER'],
      response: responses.assignedTask,
      params: z.object({ taskId: id }),
      body: z.strictObject({ userId: id.nullable() }),
      handle: async ({ actor, params, body }) => {
        const task = await prisma.task.findFirst({ where: { id: params.taskId, ...taskScope(actor) } });
        if (!task) throw new AppError(404, 'TASK_NOT_FOUND', `No task ${params.taskId}`);
        const assignee = body.userId === null ? null : await colleague(actor, body.userId);
        // Given by a colleague (not picked up, not given again to the one who has it): told to the person.
        const told = assignee && assignee.id !== actor.id && assignee.id !== task.assigneeUserId ? assignee : null;
        const notice = await prisma.$transaction(async (tx) => {
          const { count } = await tx.task.updateMany({
            where: { id: task.id, status: 'OPEN' },
            data: { assigneeUserId: assignee?.id ?? null },
          });
          if (count === 0) throw new AppError(409, 'WRONG_STATE', `The task is already ${task.status.toLowerCase()}`);
          const event = await auditUserAction(tx, actor.id, {
            trajectoryId: task.trajectoryId,
            action: 'TASK_ASSIGNED',
            data: { taskId: task.id, kind: task.kind, assigneeUserId: assignee?.id ?? null },
          });
          return told ? notices.write(tx, task, told.id, String(event.id)) : undefined;
        });
        await notices.send(notice);
        return { id: task.id, assignee };
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
            // What came of it may describe the client's situation (a risk analysis): sealed, like the reports.
            data: {
              status: 'DONE',
              completedAt: at,
              completedById: actor.id,
              outcome: body.outcome === undefined ? undefined : deps.secrets.seal(body.outcome),
            },
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
