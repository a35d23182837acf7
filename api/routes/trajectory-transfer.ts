import { z } from 'zod';
import { fromDateColumn } from '../../prisma/records/dates';
import { registerTrajectory, type RegisteredTrajectory } from '../../prisma/records/registration';
import { close } from '../../workflows/trajectory/contracts';
import { AppError } from '../app-error';
import type { Actor } from '../auth';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import * as responses from '../responses';
import { id, trajectoryParams } from '../schemas';
import { scopedTrajectory } from '../scope';
import { withinTime } from '../temporal-calls';
import { trajectoryHandle } from '../trajectory-workflow';
import { trajectoryNotRunning } from '../workflow-errors';
import { UPDATE_TIMEOUT_MS } from './trajectory-actions';

const refusedProvider = (message: string) =>
  new AppError(400, 'VALIDATION_FAILED', 'The request is invalid', [{ path: 'body.providerId', message }]);

/** The open trajectory to move and the client's identity it is registered again with (409 when closed or without one). */
async function transferable(deps: RouteDeps, actor: Actor, trajectoryId: string, providerId: string) {
  const from = await scopedTrajectory(deps.prisma, actor, trajectoryId, {
    id: true,
    phase: true,
    providerId: true,
    client: { select: { identity: true } },
  });
  if (from.phase === 'CLOSED') throw new AppError(409, 'TRAJECTORY_NOT_RUNNING', 'The trajectory is closed');
  if (from.providerId === providerId) throw refusedProvider('the trajectory is with this provider already');
  const identity = from.client.identity;
  if (!identity) throw new AppError(409, 'NO_IDENTITY', 'The client has no identity to register with');
  return { from, identity };
}

/**
 * The client registered with the other provider: a new trajectory, or the one a first attempt of this
 * transfer (or the same request at once) made, so that a retry goes on to the closure.
 */
async function registeredElsewhere(
  deps: RouteDeps,
  actor: Actor & { teamId: string },
  { from, identity }: Awaited<ReturnType<typeof transferable>>,
  providerId: string,
): Promise<RegisteredTrajectory> {
  const registered = await registerTrajectory(deps.prisma, {
    client: {
      bsn: identity.bsn,
      fullName: identity.fullName,
      dateOfBirth: fromDateColumn(identity.dateOfBirth),
      ...(identity.email && { email: identity.email }),
      ...(identity.phone && { phone: identity.phone }),
    },
    providerId,
    teamId: actor.teamId,
    actorId: actor.id,
    registeredAt: new Date(),
    transferredFrom: from.id,
  });
  if ('unknownProvider' in registered) throw refusedProvider('no such provider');
  if ('identityDiffers' in registered) throw new AppError(409, 'IDENTITY_MISMATCH', 'The identity changed meanwhile');
  if ('created' in registered) {
    await deps.workflowStarts.start(registered.created);
    return registered.created;
  }
  await deps.workflowStarts.ensure(registered.open);
  if (registered.open.teamId !== actor.teamId)
    throw new AppError(409, 'TRAJECTORY_EXISTS', 'The client already has an open trajectory with this provider', [
      { path: 'body.providerId', message: 'open trajectory of another team' },
    ]);
  return registered.open;
}

/**
 * Only a trajectory whose workflow runs can be closed: asked first, so that a transfer it would refuse
 * registers nobody elsewhere (409 otherwise, as any change to it).
 */
async function requireRunning(deps: RouteDeps, trajectoryId: string): Promise<void> {
  const { status } = await withinTime(deps.temporal, UPDATE_TIMEOUT_MS, () =>
    trajectoryHandle(deps.temporal, trajectoryId).describe(),
  );
  if (status.name !== 'RUNNING') throw trajectoryNotRunning();
}

/**
 * The old trajectory closed for the transfer (iWmo 38). When the same transfer closed it first (two
 * requests at once), its refusal is this request's success too.
 */
async function closeForTransfer(deps: RouteDeps, actor: Actor, trajectoryId: string, updateId: string) {
  try {
    await withinTime(deps.temporal, UPDATE_TIMEOUT_MS, () =>
      trajectoryHandle(deps.temporal, trajectoryId).executeUpdate(close, {
        args: [{ reason: 'OTHER_PROVIDER', actorId: actor.id }],
        updateId: `${updateId}-close`,
      }),
    );
  } catch (error) {
    const now = await deps.prisma.trajectory.findUniqueOrThrow({
      where: { id: trajectoryId },
      select: { phase: true, closureReason: true },
    });
    if (now.phase !== 'CLOSED' || now.closureReason !== 'OTHER_PROVIDER') throw error;
  }
}

/**
 * Seed 002 (clients who move to another provider) and seed 003 (the intake finds whether the client
 * fits the provider): the consultant moves the client to another provider in one step, which
 * registers the client there (the intake's two weeks start) and closes this trajectory as a transfer.
 */
export function trajectoryTransfer(deps: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'post',
      path: '/trajectories/{trajectoryId}/transfer',
      summary:
        'Move the client to another provider (overstap): registered there, this trajectory closed with iWmo reason 38',
      tag: 'Trajectory actions',
      roles: ['CONSULTANT'],
      params: trajectoryParams,
      body: z.strictObject({ providerId: id }),
      status: 201,
      response: responses.transferred,
      handle: async ({ actor, params, body, updateId }) => {
        const { teamId } = actor;
        if (!teamId) throw new AppError(403, 'FORBIDDEN', 'A consultant without a team cannot register');
        const moving = await transferable(deps, actor, params.trajectoryId, body.providerId);
        await requireRunning(deps, params.trajectoryId);
        const to = await registeredElsewhere(deps, { ...actor, teamId }, moving, body.providerId);
        await closeForTransfer(deps, actor, params.trajectoryId, updateId);
        return { trajectoryId: to.id, providerId: to.providerId, intakeDueAt: to.intakeDueAt };
      },
    }),
  ];
}
