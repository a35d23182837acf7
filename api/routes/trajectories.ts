import { z } from 'zod';
import * as responses from '../responses';
import type { Prisma, PrismaClient, Role } from '../../prisma/client';
import { getState } from '../../workflows/trajectory/contracts';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { checkRegistrationDates } from '../../domain/business-dates';
import { trajectoryPhases } from '../../domain/lifecycle';
import { AppError, refuseRules } from '../app-error';
import { bsn, businessDate, id, instant, page, pageOf, productCode, text, trajectoryParams } from '../schemas';
import { everyRole, scopedTrajectory, trajectoryScope } from '../scope';
import { registerTrajectory } from '../../prisma/records/registration';
import { withinTime } from '../temporal-calls';
import { mirroredView, trajectoryHandle } from '../trajectory-workflow';
import { clientView } from '../client-view';
import { fromDateColumn } from '../../prisma/records/dates';
import { careView } from '../care-view';
import { timelineOf } from '../timeline';
import { zrmAssessmentsOf } from '../../prisma/records/zrm-assessments';
import { requestReportsOf } from '../../prisma/records/request-reports';
import { supportPlanOf } from '../../prisma/records/support-plan';
import { isTimeMixWarning, timeTotalsOf } from '../../domain/utilisation';
import { recordAccess } from '../../prisma/records/client-access';
import { openTasksTimed } from '../../prisma/records/task-timing';

const registration = z.strictObject({
  client: z.strictObject({
    bsn,
    fullName: text(200),
    dateOfBirth: businessDate,
    email: z.email().max(200).optional(),
    phone: z
      .string()
      .regex(/^\+?[0-9 -]{6,20}$/)
      .optional(),
  }),
  providerId: id,
  /** The aanmelding; defaults to now. The intake is due 14 days later. */
  registeredAt: instant.optional(),
  /** The BSN is known with another name or date of birth, and this registration corrects it (audited). */
  correctIdentity: z.boolean().optional(),
});

/**
 * How long the detail waits for the workflow's own view (its deadlines, the period's use): a busy
 * or absent worker does not hold the read up; past it, the detail comes from the database mirror.
 */
const QUERY_TIMEOUT_MS = 1_500;

const listQuery = page.extend({
  phase: z.enum(trajectoryPhases).optional(),
  product: productCode.optional(),
  providerId: id.optional(),
  /** Trajectories with an open task that is late, or one to do at once (domain/deadlines.ts `taskTiming`). */
  tasks: z.enum(['late', 'atOnce']).optional(),
  deadlineWithinDays: z.coerce.number().int().min(0).max(366).optional(),
});

/** A trajectory as lists show it (`responses.trajectorySummary`). */
export const summary = {
  id: true,
  clientId: true,
  providerId: true,
  teamId: true,
  phase: true,
  registeredAt: true,
  intakeDueAt: true,
  intakeHeldAt: true,
  intakeHeldOn: true,
  nextDeadlineAt: true,
  nextDeadlineKind: true,
  closedAt: true,
  closureReason: true,
  indications: {
    where: { status: 'ACTIVE' },
    select: { id: true, productCode: true, startDate: true, endDate: true, hoursPerWeek: true },
  },
} satisfies Prisma.TrajectorySelect;

function listFilter(prisma: PrismaClient, q: z.output<typeof listQuery>, now: Date): Prisma.TrajectoryWhereInput {
  return {
    ...(q.phase && { phase: q.phase }),
    ...(q.providerId && { providerId: q.providerId }),
    ...(q.product && { indications: { some: { status: 'ACTIVE', productCode: q.product } } }),
    ...(q.tasks && { tasks: { some: openTasksTimed(prisma, q.tasks === 'late' ? 'LATE' : 'AT_ONCE', now) } }),
    ...(q.deadlineWithinDays !== undefined && {
      nextDeadlineAt: { gte: now, lte: new Date(now.getTime() + q.deadlineWithinDays * 86_400_000) },
    }),
  };
}

export function trajectoryRoutes(deps: RouteDeps): Endpoint[] {
  const { prisma } = deps;

  async function clientFor(role: Role, clientId: string) {
    if (role === 'OPERATIONS') return undefined;
    return clientView(role, await prisma.clientIdentity.findUnique({ where: { clientId } }));
  }
  return [
    endpoint({
      method: 'post',
      path: '/trajectories',
      summary: 'Register a client and start a trajectory (aanmelding)',
      tag: 'Trajectories',
      roles: ['CONSULTANT'],
      response: responses.registered,
      body: registration,
      status: 201,
      handle: async ({ actor, body }) => {
        if (!actor.teamId) throw new AppError(403, 'FORBIDDEN', 'A consultant without a team cannot register');
        const now = new Date();
        const registeredAt = body.registeredAt ? new Date(body.registeredAt) : now;
        refuseRules(checkRegistrationDates({ registeredAt, dateOfBirth: body.client.dateOfBirth }, now));
        const registered = await registerTrajectory(prisma, {
          client: body.client,
          providerId: body.providerId,
          teamId: actor.teamId,
          actorId: actor.id,
          registeredAt,
          correctIdentity: body.correctIdentity,
        });
        if ('unknownProvider' in registered) {
          throw new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', [
            { path: 'body.providerId', message: 'no such provider' },
          ]);
        }
        if ('identityDiffers' in registered) {
          throw new AppError(
            409,
            'IDENTITY_MISMATCH',
            'This BSN is known with another name or date of birth: check the details, or correct the identity (correctIdentity: true)',
            registered.identityDiffers.map((field) => ({
              path: `body.client.${field}`,
              message: 'differs from the person known by this BSN',
            })),
          );
        }
        if ('open' in registered) {
          // Also a retry after a failed workflow start: make sure that trajectory runs.
          await deps.workflowStarts.ensure(registered.open);
          // Another team's trajectory is not named: its existence is all this consultant may learn.
          const ours = registered.open.teamId === actor.teamId;
          throw new AppError(409, 'TRAJECTORY_EXISTS', 'The client already has an open trajectory with this provider', [
            {
              path: 'body.client.bsn',
              message: ours ? `open trajectory ${registered.open.id}` : 'open trajectory of another team',
            },
          ]);
        }
        const trajectory = registered.created;
        await deps.workflowStarts.start(trajectory);
        return {
          trajectoryId: trajectory.id,
          clientId: trajectory.clientId,
          phase: trajectory.phase,
          intakeDueAt: trajectory.intakeDueAt,
        };
      },
    }),
    endpoint({
      method: 'get',
      path: '/trajectories',
      summary: 'List trajectories in scope, filtered; ordered by next deadline, then id',
      tag: 'Trajectories',
      roles: everyRole,
      response: responses.trajectories,
      query: listQuery,
      handle: async ({ actor, query }) => {
        const where = { AND: [trajectoryScope(actor), listFilter(prisma, query, new Date())] };
        return pageOf(
          query,
          (window) =>
            prisma.trajectory.findMany({
              where,
              select: summary,
              orderBy: [{ nextDeadlineAt: { sort: 'asc', nulls: 'last' } }, { id: 'asc' }],
              ...window,
            }),
          () => prisma.trajectory.count({ where }),
        );
      },
    }),
    endpoint({
      method: 'get',
      path: '/trajectories/{trajectoryId}',
      summary: 'A trajectory with its indications, timeline (audit events) and pending deadlines',
      tag: 'Trajectories',
      roles: everyRole,
      response: responses.trajectoryDetail,
      params: trajectoryParams,
      handle: async ({ actor, params }) => {
        const { view, ...record } = await scopedTrajectory(prisma, actor, params.trajectoryId, {
          ...summary,
          view: true,
          indications: {
            orderBy: { sequence: 'asc' },
            include: {
              declarations: {
                orderBy: { month: 'asc' },
                select: {
                  month: true,
                  directMinutes: true,
                  indirectMinutes: true,
                  digitalMinutes: true,
                  groupMinutes: true,
                  warnings: true,
                },
              },
            },
          },
        });
        const careRecords = actor.role !== 'OPERATIONS';
        const [timeline, state, client, zrm, supportPlan, reports] = await Promise.all([
          timelineOf(prisma, deps.secrets, actor, params.trajectoryId),
          // A closed trajectory waits for nothing; its workflow may be gone after Temporal's retention.
          // An open one shows the view its workflow mirrored after its last change; only a workflow
          // from before that mirror is asked, within a time limit.
          record.phase === 'CLOSED'
            ? undefined
            : (mirroredView(view) ??
              withinTime(deps.temporal, QUERY_TIMEOUT_MS, () =>
                trajectoryHandle(deps.temporal, params.trajectoryId).query(getState),
              ).catch(() => null)),
          clientFor(actor.role, record.clientId),
          careRecords ? zrmAssessmentsOf(prisma, deps.secrets, params.trajectoryId) : undefined,
          careRecords ? supportPlanOf(prisma, deps.secrets, params.trajectoryId) : undefined,
          careRecords ? requestReportsOf(prisma, deps.secrets, params.trajectoryId) : undefined,
          recordAccess(prisma, actor, 'TRAJECTORY_VIEWED', [
            { clientId: record.clientId, trajectoryId: params.trajectoryId },
          ]),
        ]);
        // null: the workflow did not answer in time; its mirror on the record has the next deadline.
        const mirrored =
          record.nextDeadlineAt && record.nextDeadlineKind
            ? [{ kind: record.nextDeadlineKind, dueAt: record.nextDeadlineAt.toISOString(), upcoming: undefined }]
            : [];
        return {
          ...record,
          indications: record.indications.map(({ declarations, ...i }) => ({
            ...i,
            declarations: declarations.map(({ month, warnings, ...figures }) => ({
              month: fromDateColumn(month),
              ...figures,
              warnings: warnings.filter(isTimeMixWarning),
            })),
          })),
          ...(client && { client }),
          ...(zrm && { zrm }),
          ...(supportPlan !== undefined && { supportPlan }),
          ...(reports && { reports }),
          live: state !== null,
          timeline,
          pendingDeadlines: (state === null ? mirrored : (state?.pendingDeadlines ?? [])).map(
            ({ kind, dueAt, upcoming }) => ({ kind, dueAt, nextPeriod: upcoming === true }),
          ),
          care: careView(state ?? undefined),
          counters: {
            consecutiveNoShows: state?.consecutiveNoShows ?? 0,
            period: state?.period ?? null,
            time: state?.time ? timeTotalsOf(state.time) : null,
          },
        };
      },
    }),
  ];
}
