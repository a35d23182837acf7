import { modeOf, type NotificationKind, type NotificationMode } from '../../domain/notifications';
import type { NotificationChannel, Prisma, PrismaClient, Role } from '../client';

type Tx = Prisma.TransactionClient;

export interface NewNotification {
  /** Deterministic, so a retried activity or a replayed timer never tells twice. */
  idempotencyKey: string;
  trajectoryId?: string;
  recipientRole: Role;
  providerId?: string;
  teamId?: string;
  userId?: string;
  kind: NotificationKind;
  /** Ids and dates only: the row is read by delivery code and sent to other systems. */
  payload: Prisma.InputJsonObject;
}

/** One address to send a notification to, and whether it goes now or waits for the digest. */
export interface PlannedDelivery {
  channel: NotificationChannel;
  address: string;
  userId?: string;
  state: 'PENDING' | 'HELD';
}

export interface Outboxed {
  notificationId: string;
  pending: string[];
  fresh: string[];
}

export type Planner = (tx: Tx, n: NewNotification) => Promise<PlannedDelivery[]>;

/**
 * The outbox: the notification and its deliveries are written in one transaction, each once per
 * key, so a retry after a crash finds them and only starts what is still pending. Returns the
 * notification, its deliveries still to send, and which of those this call wrote (`fresh`): of two
 * calls with the same key at once, one writes them, so only it may make their first attempt.
 */
export function putInOutbox(prisma: PrismaClient, n: NewNotification, plan: Planner): Promise<Outboxed> {
  return prisma.$transaction((tx) => writeOutbox(tx, n, plan));
}

/** `putInOutbox` inside a transaction of the caller's: the notification is written with the change that makes it. */
export async function writeOutbox(tx: Tx, n: NewNotification, plan: Planner): Promise<Outboxed> {
  await tx.notification.createMany({ data: [n], skipDuplicates: true });
  const { id } = await tx.notification.findUniqueOrThrow({ where: { idempotencyKey: n.idempotencyKey } });
  const planned = await plan(tx, n);
  const written = await tx.delivery.createManyAndReturn({
    data: planned.map((d) => ({ ...d, notificationId: id })),
    skipDuplicates: true,
    select: { id: true, state: true },
  });
  const pending = await tx.delivery.findMany({
    where: { notificationId: id, state: 'PENDING' },
    select: { id: true },
    orderBy: { id: 'asc' },
  });
  const fresh = written.filter((d) => d.state === 'PENDING').map((d) => d.id);
  return { notificationId: id, pending: pending.map((d) => d.id), fresh };
}

/**
 * Who hears of a lifecycle notice: a provider's contact addresses and its webhook; a consultant
 * team's shared mailbox and each member as their preference for the kind says (at once by
 * default, held for the digest, or the inbox only).
 */
export const byRecipientRole: Planner = async (tx, n) => {
  if (n.userId) return personalDelivery(tx, n.userId, n);
  if (n.recipientRole === 'PROVIDER' && n.providerId) {
    const provider = await tx.provider.findUniqueOrThrow({ where: { id: n.providerId } });
    return [
      ...(provider.contactEmails ?? []).map((address): PlannedDelivery => ({
        channel: 'EMAIL',
        address,
        state: 'PENDING',
      })),
      ...(provider.webhookUrl
        ? [{ channel: 'WEBHOOK' as const, address: provider.webhookUrl, state: 'PENDING' as const }]
        : []),
    ];
  }
  if (n.recipientRole === 'CONSULTANT' && n.teamId) {
    const team = await tx.team.findUniqueOrThrow({
      where: { id: n.teamId },
      include: {
        users: { where: { role: 'CONSULTANT' }, include: { preferences: { where: { kind: n.kind } } } },
      },
    });
    return [
      ...(team.mailbox ? [{ channel: 'EMAIL' as const, address: team.mailbox, state: 'PENDING' as const }] : []),
      ...team.users.flatMap((u) => ownDelivery(u) ?? []),
    ];
  }
  return [];
};

type Recipient = { recipientRole: Role; providerId: string | null; teamId: string | null; kind: string };

/**
 * A message for one person (a task a colleague gave them): to their own address while they are of
 * the team or provider it concerns, as their preference for the kind says; never to a shared mailbox.
 */
async function personalDelivery(tx: Tx, userId: string, n: NewNotification): Promise<PlannedDelivery[]> {
  const recipient = { ...n, teamId: n.teamId ?? null, providerId: n.providerId ?? null };
  const own = await memberDelivery(tx, userId, recipient);
  return own ? [own] : [];
}

/**
 * A person's own delivery, as their preference for the kind says: none for the inbox only; held
 * for the daily overview, which only consultants get (anyone else hears at once); else at once.
 */
function ownDelivery(user: {
  id: string;
  email: string;
  role: Role;
  preferences: { mode: NotificationMode }[];
}): PlannedDelivery | undefined {
  const mode = modeOf(user.preferences);
  if (mode === 'INBOX_ONLY') return undefined;
  const held = mode === 'DIGEST' && user.role === 'CONSULTANT';
  return { channel: 'EMAIL', address: user.email, userId: user.id, state: held ? 'HELD' : 'PENDING' };
}

/** A person's own delivery while they are still one of the recipients (the planner's and a retry's). */
async function memberDelivery(tx: Tx, userId: string, n: Recipient): Promise<PlannedDelivery | undefined> {
  const user = await tx.user.findUnique({
    where: { id: userId },
    include: { preferences: { where: { kind: n.kind } } },
  });
  return user && isMember(user, n) ? ownDelivery(user) : undefined;
}

/** Whether a person is still one of the recipients: of the role, and of the team or provider. */
const isMember = (
  user: { role: Role; teamId: string | null; providerId: string | null },
  n: Pick<Recipient, 'recipientRole' | 'teamId' | 'providerId'>,
) =>
  user.role === n.recipientRole &&
  (n.recipientRole === 'PROVIDER' ? user.providerId === n.providerId : user.teamId === n.teamId);

/**
 * Where a planned delivery would go now: the provider's webhook as it is set now, a person's
 * e-mail address as it is now, and a contact or team mailbox only while it still is one.
 * Undefined when that recipient no longer hears of it (a removed webhook or address, a person who
 * left the team or now reads the kind in the inbox only): a retry must not send a care notice
 * where it is no longer wanted.
 */
export async function currentAddressOf(
  tx: Tx,
  d: { channel: NotificationChannel; address: string; userId: string | null },
  n: Recipient,
): Promise<string | undefined> {
  if (d.userId) return (await memberDelivery(tx, d.userId, n))?.address;
  const provider = n.providerId ? await tx.provider.findUnique({ where: { id: n.providerId } }) : null;
  if (d.channel === 'WEBHOOK') return provider?.webhookUrl ?? undefined;
  if (provider?.contactEmails.includes(d.address)) return d.address;
  const team = n.teamId ? await tx.team.findUnique({ where: { id: n.teamId } }) : null;
  return team?.mailbox === d.address ? d.address : undefined;
}
