import { z } from 'zod';
import { addWorkingDays, isWeekend, publicHoliday } from '../../domain/working-days';
import { endOfDay, startOfDay } from '../../domain/calendar';
import { isDueAtOnce } from '../../domain/deadlines';
import { isTaskKind } from '../../domain/lifecycle';
import { DIGEST_WORKING_DAYS, isSingleKind, modeOf } from '../../domain/notifications';
import type { Prisma, PrismaClient } from '../../prisma/client';
import { putInOutbox } from '../../prisma/records/outbox';
import { deliveryWorkflowId, type DigestOutcome } from '../../workflows/delivery/contracts';
import type { DeliveryDependencies } from './dependencies';
import { digestMessage, type DigestTask, type Message } from './messages';

/** The digest's outbox row: which tasks and held notifications it lists, by id. */
const digestPayload = z.object({
  day: z.iso.date(),
  overdue: z.array(z.uuid()),
  dueSoon: z.array(z.uuid()),
  held: z.array(z.uuid()),
});
type DigestPayload = z.infer<typeof digestPayload>;

/** A business day as the Delivery table's date column holds it. */
const dayColumn = (day: string) => new Date(`${day}T00:00:00Z`);

interface OpenTask {
  id: string;
  teamId: string | null;
  providerId: string | null;
  dueAt: Date;
}

/** Who a digest goes to: its outbox key and recipient, and the addresses it is e-mailed to. */
interface DigestRecipient {
  idempotencyKey: string;
  recipientRole: 'CONSULTANT' | 'PROVIDER';
  teamId?: string;
  providerId?: string;
  userId?: string;
  addresses: string[];
}

/**
 * One digest per recipient per working day: each consultant team's shared mailbox gets the team's
 * open tasks, each member the same plus the notifications they chose to read in the digest, unless
 * they turned the digest off; each provider's contact addresses get the provider's open tasks (the
 * intake to hold, the plan to discuss), one e-mail to each. Overdue tasks come first; nothing due
 * means no e-mail.
 */
export function sendDailyDigests(prisma: PrismaClient, deps: DeliveryDependencies) {
  return async ({ day }: { day: string }): Promise<DigestOutcome> => {
    if (isWeekend(day)) return { skipped: 'WEEKEND', day };
    if (publicHoliday(day)) return { skipped: 'HOLIDAY', day };
    const from = startOfDay(day);
    const until = endOfDay(addWorkingDays(day, DIGEST_WORKING_DAYS));
    const tasks = await prisma.task.findMany({
      where: {
        status: 'OPEN',
        dueAt: { lt: until },
        OR: [
          { assigneeRole: 'CONSULTANT', teamId: { not: null } },
          { assigneeRole: 'PROVIDER', providerId: { not: null } },
        ],
      },
      orderBy: [{ dueAt: 'asc' }, { id: 'asc' }],
      select: { id: true, teamId: true, providerId: true, dueAt: true },
    });
    const teams = await prisma.team.findMany({
      include: {
        users: { where: { role: 'CONSULTANT' }, include: { preferences: { where: { kind: 'DAILY_DIGEST' } } } },
      },
    });
    // Held notifications that another day's digest took along wait for that one; this day's (a retry
    // after a crash) are named again, so the retry finds the same digest and starts its e-mail.
    const held = await prisma.delivery.findMany({
      where: { state: 'HELD', userId: { not: null }, OR: [{ digestDay: null }, { digestDay: dayColumn(day) }] },
      select: { id: true, userId: true, notificationId: true },
    });
    let sent = 0;
    for (const team of teams) {
      const own = tasks.filter((t) => t.teamId === team.id);
      const split = splitByDay(own, from);
      const recipients = [
        ...(team.mailbox ? [{ address: team.mailbox, userId: undefined }] : []),
        ...team.users
          .filter((u) => modeOf(u.preferences) !== 'INBOX_ONLY')
          .map((u) => ({ address: u.email, userId: u.id })),
      ];
      for (const r of recipients) {
        const mine = r.userId ? held.filter((h) => h.userId === r.userId) : [];
        const payload: DigestPayload = { day, ...split, held: mine.map((h) => h.notificationId) };
        if (!payload.overdue.length && !payload.dueSoon.length && !payload.held.length) continue;
        const to: DigestRecipient = {
          idempotencyKey: `digest:${day}:${team.id}:${r.userId ?? 'mailbox'}`,
          recipientRole: 'CONSULTANT',
          teamId: team.id,
          userId: r.userId,
          addresses: [r.address],
        };
        await sendOne(
          prisma,
          deps,
          to,
          payload,
          mine.map((h) => h.id),
        );
        sent += 1;
      }
    }
    sent += await sendProviderDigests(prisma, deps, tasks, day, from);
    return { sent, day };
  };
}

/** Each provider with contact addresses and open tasks: one digest of them, to every address. Returns how many. */
async function sendProviderDigests(
  prisma: PrismaClient,
  deps: DeliveryDependencies,
  tasks: OpenTask[],
  day: string,
  from: Date,
): Promise<number> {
  const providers = await prisma.provider.findMany({
    where: { contactEmails: { isEmpty: false } },
    select: { id: true, contactEmails: true },
  });
  let sent = 0;
  for (const provider of providers) {
    const own = tasks.filter((t) => t.providerId === provider.id);
    const split = splitByDay(own, from);
    if (!split.overdue.length && !split.dueSoon.length) continue;
    const to: DigestRecipient = {
      idempotencyKey: `digest:${day}:provider:${provider.id}`,
      recipientRole: 'PROVIDER',
      providerId: provider.id,
      addresses: provider.contactEmails,
    };
    await sendOne(prisma, deps, to, { day, ...split, held: [] }, []);
    sent += 1;
  }
  return sent;
}

function splitByDay(tasks: OpenTask[], from: Date): { overdue: string[]; dueSoon: string[] } {
  return {
    overdue: tasks.filter((t) => t.dueAt < from).map((t) => t.id),
    dueSoon: tasks.filter((t) => t.dueAt >= from).map((t) => t.id),
  };
}

async function sendOne(
  prisma: PrismaClient,
  deps: DeliveryDependencies,
  { addresses, ...to }: DigestRecipient,
  payload: DigestPayload,
  heldDeliveryIds: string[],
): Promise<void> {
  const { notificationId, pending } = await putInOutbox(prisma, { ...to, kind: 'DAILY_DIGEST', payload }, async () =>
    addresses.map((address) => ({ channel: 'EMAIL' as const, address, userId: to.userId, state: 'PENDING' as const })),
  );
  // The held notifications travel with this digest, not with the next one; they are sent when it is.
  await prisma.delivery.updateMany({
    where: { id: { in: heldDeliveryIds }, state: 'HELD', digestDay: null },
    data: { digestDay: dayColumn(payload.day) },
  });
  if (pending.length) await deps.startDeliveries(deliveryWorkflowId(notificationId), pending);
}

/** The held notifications a consultant's digest took along; undefined for a digest without any. */
function heldWith(digest: { userId: string | null; payload: unknown }) {
  const { day, held } = digestPayload.parse(digest.payload);
  if (!digest.userId || !held.length) return undefined;
  return { notificationId: { in: held }, userId: digest.userId, state: 'HELD' as const, digestDay: dayColumn(day) };
}

/**
 * A consultant's digest has been sent: so have the held notifications it took along (to be written
 * in one transaction with the digest's own state). Undefined for a digest without any.
 */
export function heldSentWithDigest(
  prisma: PrismaClient,
  digest: { userId: string | null; payload: unknown },
  sentAt: Date,
) {
  const where = heldWith(digest);
  return where && prisma.delivery.updateMany({ where, data: { state: 'SENT', sentAt } });
}

/**
 * A refused digest that operations close without sending lets go of what it took along: the next
 * working day's digest takes those notifications instead (they would otherwise wait for it forever).
 */
export async function releaseHeldFromDigest(
  tx: Prisma.TransactionClient,
  digest: { userId: string | null; payload: unknown },
): Promise<number> {
  const where = heldWith(digest);
  return where ? (await tx.delivery.updateMany({ where, data: { digestDay: null } })).count : 0;
}

/** The digest's e-mail, from the tasks and notifications its row names (as they are when it is sent). */
export async function renderDigest(prisma: PrismaClient, raw: unknown, appUrl: string): Promise<Message> {
  const p = digestPayload.parse(raw);
  const tasks = await prisma.task.findMany({
    where: { id: { in: [...p.overdue, ...p.dueSoon] } },
    select: { id: true, kind: true, trajectoryId: true, dueAt: true, createdAt: true },
  });
  const byId = new Map(tasks.map((t) => [t.id, t]));
  const lines = (ids: string[]): DigestTask[] =>
    ids.flatMap((id) => {
      const t = byId.get(id);
      return t && isTaskKind(t.kind) ? [{ ...t, kind: t.kind }] : [];
    });
  const notices = await prisma.notification.findMany({
    where: { id: { in: p.held } },
    orderBy: { createdAt: 'asc' },
    select: { kind: true, payload: true },
  });
  const held = notices.flatMap((n) => (isSingleKind(n.kind) ? [{ kind: n.kind, payload: n.payload }] : []));
  const [overdue, dueSoon] = [lines(p.overdue), lines(p.dueSoon)];
  return digestMessage(
    {
      day: p.day,
      overdue: overdue.filter((t) => !isDueAtOnce(t)),
      atOnce: [...overdue, ...dueSoon].filter(isDueAtOnce),
      dueSoon: dueSoon.filter((t) => !isDueAtOnce(t)),
      held,
    },
    appUrl,
  );
}
