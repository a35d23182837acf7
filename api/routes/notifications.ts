import { z } from 'zod';
import * as responses from '../responses';
import { modeOf, notificationKinds, notificationModes } from '../../domain/notifications';
import type { Prisma, PrismaClient } from '../../prisma/client';
import type { Actor } from '../auth';
import type { RouteDeps } from '../deps';
import { endpoint, type Endpoint } from '../endpoint';
import { AppError } from '../app-error';
import { id, page, paged } from '../schemas';
import { everyRole, nothing } from '../scope';

/**
 * Whose notifications an actor reads: a provider its organisation's, a consultant its team's (the
 * team mailbox's digest is e-mail only), each with what is addressed to them personally (their
 * digest, a task a colleague gave them), operations theirs.
 */
function inboxScope(actor: Actor): Prisma.NotificationWhereInput {
  switch (actor.role) {
    case 'PROVIDER':
      return actor.providerId
        ? { recipientRole: 'PROVIDER', providerId: actor.providerId, OR: [{ userId: actor.id }, { userId: null }] }
        : nothing;
    case 'CONSULTANT':
      return actor.teamId
        ? {
            recipientRole: 'CONSULTANT',
            teamId: actor.teamId,
            OR: [{ userId: actor.id }, { userId: null, kind: { not: 'DAILY_DIGEST' } }],
          }
        : nothing;
    case 'OPERATIONS':
      return { recipientRole: 'OPERATIONS' };
  }
}

const preferences = z.strictObject({
  preferences: z
    .array(z.strictObject({ kind: z.enum(notificationKinds), mode: z.enum(notificationModes) }))
    .min(1)
    .max(notificationKinds.length),
});

/** Every kind with its mode: what the person set, or at once by e-mail. */
async function preferencesOf(prisma: PrismaClient, userId: string) {
  const set = await prisma.notificationPreference.findMany({ where: { userId } });
  return { preferences: notificationKinds.map((kind) => ({ kind, mode: modeOf(set.filter((p) => p.kind === kind)) })) };
}

/** The inbox of every role, with read state per person, and each person's e-mail preferences. */
export function notificationRoutes({ prisma }: RouteDeps): Endpoint[] {
  return [
    endpoint({
      method: 'get',
      path: '/notifications',
      summary: 'Own inbox, newest first, with read state and the number unread',
      tag: 'Notifications',
      roles: everyRole,
      response: responses.inbox,
      query: page.extend({ unread: z.enum(['true', 'false']).optional() }),
      handle: async ({ actor, query }) => {
        const scope = inboxScope(actor);
        const unreadOnly: Prisma.NotificationWhereInput = { reads: { none: { userId: actor.id } } };
        const where = query.unread === 'true' ? { AND: [scope, unreadOnly] } : scope;
        const [rows, total, unread] = await Promise.all([
          prisma.notification.findMany({
            where,
            orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
            take: query.limit,
            skip: query.offset,
            select: {
              id: true,
              trajectoryId: true,
              kind: true,
              payload: true,
              createdAt: true,
              reads: { where: { userId: actor.id }, select: { readAt: true } },
            },
          }),
          prisma.notification.count({ where }),
          prisma.notification.count({ where: { AND: [scope, unreadOnly] } }),
        ]);
        const items = rows.map(({ reads, ...n }) => ({ ...n, readAt: reads[0]?.readAt ?? null }));
        return { ...paged(items, total, query), unread };
      },
    }),
    endpoint({
      method: 'post',
      path: '/notifications/{notificationId}/read',
      summary: 'Mark a notification of the own inbox as read (again is harmless)',
      tag: 'Notifications',
      roles: everyRole,
      response: responses.notificationRead,
      params: z.object({ notificationId: id }),
      handle: async ({ actor, params }) => {
        const found = await prisma.notification.findFirst({
          where: { AND: [{ id: params.notificationId }, inboxScope(actor)] },
          select: { id: true },
        });
        if (!found) throw new AppError(404, 'NOTIFICATION_NOT_FOUND', `No notification ${params.notificationId}`);
        await prisma.notificationRead.createMany({
          data: [{ notificationId: found.id, userId: actor.id }],
          skipDuplicates: true,
        });
        const read = await prisma.notificationRead.findUniqueOrThrow({
          where: { notificationId_userId: { notificationId: found.id, userId: actor.id } },
        });
        return { id: found.id, readAt: read.readAt };
      },
    }),
    endpoint({
      method: 'get',
      path: '/me/notification-preferences',
      summary: 'How each notification kind reaches me: IMMEDIATE e-mail (default), DIGEST, or INBOX_ONLY',
      tag: 'Notifications',
      roles: everyRole,
      response: responses.notificationPreferences,
      handle: ({ actor }) => preferencesOf(prisma, actor.id),
    }),
    endpoint({
      method: 'post',
      path: '/me/notification-preferences',
      summary: 'Set how some notification kinds reach me (the inbox always has them)',
      tag: 'Notifications',
      roles: everyRole,
      response: responses.notificationPreferences,
      body: preferences,
      handle: async ({ actor, body }) => {
        await prisma.$transaction(
          body.preferences.map(({ kind, mode }) =>
            prisma.notificationPreference.upsert({
              where: { userId_kind: { userId: actor.id, kind } },
              create: { userId: actor.id, kind, mode },
              update: { mode },
            }),
          ),
        );
        return preferencesOf(prisma, actor.id);
      },
    }),
  ];
}
