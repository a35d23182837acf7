import type { SecretBox } from '../activities/sealing';
import type { PrismaClient } from '../prisma/client';
import { motivationsOf } from '../prisma/records/motivations';
import type { Actor } from './auth';
import { taskScope } from './scope';

type Event = { id: bigint; occurredAt: Date; actorType: string; actorId: string | null; action: string; data: unknown };

/** An id the event's data names (`taskId`, `correctionId`, `motivationId`), if it names one. */
function idIn(data: unknown, key: 'taskId' | 'correctionId' | 'motivationId' | 'assigneeUserId'): string | undefined {
  if (typeof data !== 'object' || data === null) return undefined;
  const value = (data as Record<string, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}

const ids = (values: (string | undefined)[]) => [...new Set(values.filter((v) => v !== undefined))];

/**
 * A trajectory's audit events with who did each (a person's name; for a task given, also to whom) and the free text that goes with
 * it: a correction's reason, a completed task's outcome, a decision's motivation. The audit log holds ids, dates and codes
 * only; the text stays in its own row, so the note is shown to whom that row is shown: a task's
 * outcome to the team or provider whose task it was, no text at all to operations (who see no client).
 */
export async function timelineOf(prisma: PrismaClient, secrets: SecretBox, actor: Actor, trajectoryId: string) {
  const events: Event[] = await prisma.auditEvent.findMany({
    where: { trajectoryId },
    orderBy: [{ occurredAt: 'asc' }, { id: 'asc' }],
    select: { id: true, occurredAt: true, actorType: true, actorId: true, action: true, data: true },
  });
  const userIds = ids([
    ...events.map((e) => (e.actorType === 'USER' ? (e.actorId ?? undefined) : undefined)),
    ...events.map((e) => idIn(e.data, 'assigneeUserId')),
  ]);
  const taskIds = actor.role === 'OPERATIONS' ? [] : ids(events.map((e) => idIn(e.data, 'taskId')));
  const correctionIds = actor.role === 'OPERATIONS' ? [] : ids(events.map((e) => idIn(e.data, 'correctionId')));
  const motivationIds = actor.role === 'OPERATIONS' ? [] : ids(events.map((e) => idIn(e.data, 'motivationId')));
  const [users, tasks, corrections, motivations] = await Promise.all([
    userIds.length
      ? prisma.user.findMany({ where: { id: { in: userIds } }, select: { id: true, displayName: true } })
      : [],
    taskIds.length
      ? prisma.task.findMany({
          where: { id: { in: taskIds }, trajectoryId, outcome: { not: null }, ...taskScope(actor) },
          select: { id: true, outcome: true },
        })
      : [],
    correctionIds.length
      ? prisma.correction.findMany({
          where: { id: { in: correctionIds }, trajectoryId },
          select: { id: true, reason: true },
        })
      : [],
    motivationsOf(prisma, secrets, trajectoryId, motivationIds),
  ]);
  const name = new Map(users.map((u) => [u.id, u.displayName]));
  const note = new Map([
    ...tasks.map((t) => [t.id, t.outcome === null ? null : secrets.open(t.outcome)] as const),
    ...corrections.map((c) => [c.id, secrets.open(c.reason)] as const),
    ...motivations.map((m) => [m.id, m.text] as const),
  ]);
  return events.map((e) => ({
    ...e,
    id: e.id.toString(),
    actorName: (e.actorType === 'USER' && e.actorId && name.get(e.actorId)) || null,
    assigneeName: name.get(idIn(e.data, 'assigneeUserId') ?? '') ?? null,
    note:
      note.get(idIn(e.data, 'taskId') ?? idIn(e.data, 'correctionId') ?? idIn(e.data, 'motivationId') ?? '') ?? null,
  }));
}
